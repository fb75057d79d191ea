package dev.tviews.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real PostgreSQL server.
 *
 * <p>The class gets a database of its own, created {@code FROM template0} before its first test and dropped
 * ({@code WITH (FORCE)}) after its last one. {@code @Nested} classes share the database of their top-level
 * class. Declare a {@link TestDatabase} parameter (constructor, {@code @BeforeAll}, {@code @BeforeEach},
 * {@code @Test}, ...) to receive it, and a {@link TestServer} parameter for superuser access to the server.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {
}
