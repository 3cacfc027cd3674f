/*
 * ClasspathPluginsService — a PluginsService whose plugins are classes already on the classpath.
 *
 * The Elasticsearch distribution loads plugins and modules from directories, each in its own
 * class loader and module layer. Maven Central serves only the server jar and a few module jars,
 * so govspider's dev/CI node puts them on one classpath and hands the plugin classes over here,
 * the way Elasticsearch's test framework (MockPluginsService) does. It lives in Elasticsearch's
 * package because LoadedPlugin and loadPlugin are package-private.
 */
package org.elasticsearch.plugins;

import org.elasticsearch.Version;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.jdk.ModuleQualifiedExportsService;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

public class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> classes) {
        super(settings, environment.configFile(), null, null); // no module or plugin directories
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : classes) {
            PluginDescriptor descriptor = new PluginDescriptor(
                pluginClass.getName(), "loaded from the classpath", "NA", Version.CURRENT.toString(),
                Runtime.version().feature() + "", pluginClass.getName(), null, List.of(), false, false, false, false);
            loaded.add(new LoadedPlugin(descriptor, loadPlugin(pluginClass, settings, environment.configFile())));
        }
        this.classpathPlugins = List.copyOf(loaded);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins == null ? List.of() : classpathPlugins;
    }

    @Override
    protected void addServerExportsService(Map<String, List<ModuleQualifiedExportsService>> exportsServices) {
        // the server runs in the unnamed module here: it has no qualified exports to offer
    }
}
