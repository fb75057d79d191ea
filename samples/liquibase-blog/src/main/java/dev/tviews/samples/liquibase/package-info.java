/**
 * The blog sample for Liquibase: the XML changelog {@code db/changelog/blog.xml} with the tviews change types, run
 * with the Liquibase Java API. Run {@link dev.tviews.samples.liquibase.LiquibaseBlog}.
 */
package dev.tviews.samples.liquibase;
