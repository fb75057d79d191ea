package dev.tviews.common.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Which test class was handed which database, shared by all classes of the run (kept in the JUnit root
 * store, so parallel classes see one registry).
 */
final class DatabaseRegistry {

    private final ConcurrentMap<String, String> ownerByDatabase = new ConcurrentHashMap<>();

    /** Records that {@code owner} got {@code database}; fails if another class got it too. */
    void claim(String database, String owner) {
        String previous = ownerByDatabase.putIfAbsent(database, owner);
        assertThat(previous).as("database %s was handed to %s and again to %s", database, previous, owner)
                .isNull();
    }

    /** Injects the run's {@link DatabaseRegistry}. */
    static final class Resolver implements ParameterResolver {

        private static final Namespace NAMESPACE = Namespace.create(DatabaseRegistry.class);

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == DatabaseRegistry.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return extensionContext.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(DatabaseRegistry.class, key -> new DatabaseRegistry(), DatabaseRegistry.class);
        }
    }
}
