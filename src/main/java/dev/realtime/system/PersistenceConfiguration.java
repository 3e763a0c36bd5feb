package dev.realtime.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean(destroyMethod = "close")
    Blocking blocking(LimitsProperties limits) {
        return new Blocking(limits.blockingThreads(), limits.blockingQueue());
    }
}
