package dev.assay.gateway.config;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The gateway's own threads for {@code @Scheduled} work (the dispatcher's tick, cluster housekeeping). Without them
 * the tasks would borrow the STOMP broker's scheduler, and a slow task would delay the WebSocket heartbeats. Not a
 * bean, so that it never competes with the STOMP scheduler for injection.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration implements SchedulingConfigurer, DisposableBean {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    SchedulingConfiguration() {
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("assay-scheduled-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(10);
        scheduler.initialize();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setTaskScheduler(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
