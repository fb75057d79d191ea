/**
 * The integration guide's blog as a Spring Boot application using the tviews starter: {@link
 * dev.tviews.samples.spring.BlogApplication} (the application), {@link dev.tviews.samples.spring.BlogController}
 * (documents from tv_post, writes to tb_*), and {@link dev.tviews.samples.spring.BlogDemo} (the {@code -Pdemo}
 * launcher).
 */
package dev.tviews.samples.spring;
