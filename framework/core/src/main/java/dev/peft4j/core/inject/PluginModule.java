package dev.peft4j.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.peft4j.core.extension.ExtensionRegistry;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.spi.data.AugmenterFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.spi.metric.MetricFactory;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import org.pf4j.PluginManager;

/**
 * Binds the started {@link PluginHost}: its PF4J {@link PluginManager}, the {@link Extensions} and one
 * {@link ExtensionRegistry} per extension kind, filled from the host's built-ins and the plugins. The host is started
 * (and, for anything but a listing, checked with {@link PluginHost#requireNoProblems()}) before the injector is made,
 * so a refused plugin is reported as itself, not wrapped in a Guice provisioning error.
 */
public final class PluginModule extends AbstractModule {

    private final PluginHost host;

    public PluginModule(PluginHost host) {
        this.host = host;
    }

    @Override
    protected void configure() {
        bind(PluginHost.class).toInstance(host);
        bind(PluginManager.class).toInstance(host.pluginManager());
        bind(Extensions.class).toInstance(host.extensions());
    }

    @Provides
    ExtensionRegistry<TuningMethodFactory> tuningMethods(Extensions extensions) {
        return extensions.tuningMethods();
    }

    @Provides
    ExtensionRegistry<AugmenterFactory> augmenters(Extensions extensions) {
        return extensions.augmenters();
    }

    @Provides
    ExtensionRegistry<LrScheduleFactory> schedules(Extensions extensions) {
        return extensions.schedules();
    }

    @Provides
    ExtensionRegistry<MetricFactory> metrics(Extensions extensions) {
        return extensions.metrics();
    }
}
