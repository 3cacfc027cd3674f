/*
 * ClasspathPluginNode — an Elasticsearch node whose plugins come from the classpath (see
 * ClasspathPluginsService). Built like the test framework's MockNode: Node's constructor from a
 * NodeConstruction is package-private, hence this package.
 */
package org.elasticsearch.node;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;

public class ClasspathPluginNode extends Node {
    public ClasspathPluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, Settings settings) {
                return new ClasspathPluginsService(settings, env, plugins);
            }
        }, true));
    }
}
