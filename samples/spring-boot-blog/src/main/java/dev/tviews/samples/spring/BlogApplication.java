package dev.tviews.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The blog as a Spring Boot application. At startup Flyway migrates ({@code db/migration}, {@code db/seed}) and the
 * tviews starter installs the runtime and converts {@code tv_user}, {@code tv_post} and {@code tv_comment}: no tviews
 * code or configuration here. {@link BlogController} reads documents from {@code tv_post} and writes {@code tb_*}.
 */
@SpringBootApplication
public class BlogApplication {

    public static void main(String[] args) {
        SpringApplication.run(BlogApplication.class, args);
    }
}
