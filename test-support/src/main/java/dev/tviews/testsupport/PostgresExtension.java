package dev.tviews.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link PostgresTest}.
 *
 * <p>The server is started on first use and kept in the root context's store, which closes (stops) it when
 * the test run ends. Each top-level test class gets its own database, kept in that class's store, created
 * before the class's first test (or first injection, for {@code PER_CLASS} constructors) and dropped in
 * {@code afterAll}. {@code @Nested} classes share the database of their top-level class. All state lives in
 * JUnit stores, whose {@code getOrComputeIfAbsent} is thread-safe, so test classes may run concurrently.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(PostgresExtension.class);
    private static final String SERVER_KEY = "server";
    private static final String DATABASE_KEY = "database";

    @Override
    public void beforeAll(ExtensionContext context) {
        classDatabase(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!isTopLevelClass(context)) {
            return; // a @Nested class: the database belongs to the top-level class
        }
        ClassDatabase database = context.getStore(NAMESPACE).remove(DATABASE_KEY, ClassDatabase.class);
        if (database != null) {
            database.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestDatabase.class || type == TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestServer.class) {
            return server(extensionContext).testServer();
        }
        return classDatabase(extensionContext).database();
    }

    private static RunningServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SERVER_KEY,
                key -> RunningServer.start(HarnessSettings.from(context)), RunningServer.class);
    }

    private static ClassDatabase classDatabase(ExtensionContext context) {
        ExtensionContext owner = topLevelClassContext(context);
        Class<?> testClass = owner.getRequiredTestClass();
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(DATABASE_KEY,
                key -> server(owner).createDatabase(testClass), ClassDatabase.class);
    }

    /** The context of the top-level test class that {@code context} belongs to. */
    private static ExtensionContext topLevelClassContext(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getParent().get() != root) {
            current = current.getParent().get();
        }
        return current;
    }

    private static boolean isTopLevelClass(ExtensionContext context) {
        return context.getParent().map(parent -> parent == context.getRoot()).orElse(false);
    }
}
