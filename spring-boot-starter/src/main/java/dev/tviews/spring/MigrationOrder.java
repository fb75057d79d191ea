package dev.tviews.spring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Makes the {@link TViewsStartup} bean depend on the beans that run the migrations, so that tviews converts after
 * them: Flyway's {@code FlywayMigrationInitializer} (its Boot 3.5 and 4.0 packages) and Liquibase's
 * {@code SpringLiquibase}. Types are named as strings: whichever is on the classpath counts.
 */
final class MigrationOrder implements BeanFactoryPostProcessor {

    /** The classes whose beans migrate the database at startup, on Boot 4.0 and 3.5. */
    static final List<String> MIGRATION_BEAN_TYPES = List.of(
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer",
            "org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer",
            "liquibase.integration.spring.SpringLiquibase");

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Set<String> migrations = new LinkedHashSet<>();
        for (String type : MIGRATION_BEAN_TYPES) {
            if (ClassUtils.isPresent(type, beanFactory.getBeanClassLoader())) {
                Class<?> cls = ClassUtils.resolveClassName(type, beanFactory.getBeanClassLoader());
                migrations.addAll(List.of(beanFactory.getBeanNamesForType(cls, true, false)));
            }
        }
        if (migrations.isEmpty()) {
            return;
        }
        for (String startup : beanFactory.getBeanNamesForType(TViewsStartup.class, true, false)) {
            BeanDefinition definition = beanFactory.getBeanDefinition(startup);
            Set<String> dependsOn = new LinkedHashSet<>();
            if (definition.getDependsOn() != null) {
                dependsOn.addAll(List.of(definition.getDependsOn()));
            }
            dependsOn.addAll(migrations);
            definition.setDependsOn(dependsOn.toArray(String[]::new));
        }
    }
}
