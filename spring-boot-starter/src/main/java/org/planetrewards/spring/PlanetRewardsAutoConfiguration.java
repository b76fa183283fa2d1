package org.planetrewards.spring;

import org.planetrewards.DecisionHandler;
import org.planetrewards.RewardsEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link RewardsEngine} built from {@code planet-rewards.*}, delivering each decision to every
 * {@link DecisionHandler} bean, closed with the application context. A host that defines its own
 * engine bean keeps it.
 */
@AutoConfiguration
@ConditionalOnClass(RewardsEngine.class)
@EnableConfigurationProperties(PlanetRewardsProperties.class)
public class PlanetRewardsAutoConfiguration {

    /**
     * @throws org.planetrewards.RulesException    (the context does not start) when a rule file does not compile or is refused
     * @throws org.planetrewards.SettingsException when the settings file cannot be used
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RewardsEngine rewardsEngine(PlanetRewardsProperties properties, ObjectProvider<DecisionHandler> handlers) {
        RewardsEngine.Builder b = RewardsEngine.builder()
                .rules(RulesReloader.rules(properties))
                .settings(RulesReloader.settings(properties))
                .onDecision(new DecisionHandlers(handlers));
        if (properties.getShards() != null) {
            b.shards(properties.getShards());
        }
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public RulesReloader rulesReloader(RewardsEngine engine, PlanetRewardsProperties properties) {
        return new RulesReloader(engine, properties);
    }

    @Bean
    @ConditionalOnProperty(name = "planet-rewards.watch", havingValue = "true")
    RulesWatcher rulesWatcher(RulesReloader reloader, PlanetRewardsProperties properties) {
        return new RulesWatcher(reloader, properties);
    }

    /** The reload endpoint, when the host has actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoints {
        @Bean
        @ConditionalOnMissingBean
        RulesEndpoint planetRewardsRulesEndpoint(RewardsEngine engine, RulesReloader reloader) {
            return new RulesEndpoint(engine, reloader);
        }
    }
}
