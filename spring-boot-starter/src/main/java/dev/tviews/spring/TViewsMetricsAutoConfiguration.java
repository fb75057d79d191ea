package dev.tviews.spring;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code tviews.*} Micrometer meters ({@link TViewsMetrics}), when Micrometer is on the classpath (both lines). */
@AutoConfiguration(after = TViewsAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(TViewsStartup.class)
public class TViewsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TViewsMetrics tviewsMetrics(DataSource dataSource, TViewsStartup startup) {
        return new TViewsMetrics(dataSource, startup);
    }
}
