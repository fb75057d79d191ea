package dev.tviews.spring;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code tviews} health contributor (bean {@code tviewsHealthIndicator}), for whichever Boot line is on the
 * classpath: Boot 4 has {@code HealthIndicator} in {@code org.springframework.boot.health.contributor}, Boot 3.5 in
 * {@code org.springframework.boot.actuate.health}. {@code management.health.tviews.enabled=false} leaves it out.
 */
@AutoConfiguration(after = TViewsAutoConfiguration.class)
@ConditionalOnBean(TViewsStartup.class)
@ConditionalOnBooleanProperty(name = "management.health.tviews.enabled", matchIfMissing = true)
public class TViewsHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TViewsHealthProbe tviewsHealthProbe(DataSource dataSource, TViewsStartup startup) {
        return new TViewsHealthProbe(dataSource, startup);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4Health {

        @Bean
        @ConditionalOnMissingBean(name = "tviewsHealthIndicator")
        dev.tviews.spring.boot4.TViewsHealthIndicator tviewsHealthIndicator(TViewsHealthProbe probe) {
            return new dev.tviews.spring.boot4.TViewsHealthIndicator(probe);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3Health {

        @Bean
        @ConditionalOnMissingBean(name = "tviewsHealthIndicator")
        dev.tviews.spring.boot3.TViewsHealthIndicator tviewsHealthIndicator(TViewsHealthProbe probe) {
            return new dev.tviews.spring.boot3.TViewsHealthIndicator(probe);
        }
    }
}
