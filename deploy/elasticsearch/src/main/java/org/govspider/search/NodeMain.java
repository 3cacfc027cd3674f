/*
 * NodeMain — runs govspider's dev/CI Elasticsearch: N nodes of Elasticsearch 8.14.3 in one JVM,
 * node i serving HTTP on exactly PORT+i-1 (loopback only).
 *
 * Only the server jar and transport-netty4 are on Maven Central, so the node has no rest-root
 * (GET / answers 400), no analysis-common (no whitespace tokenizer), no painless, reindex, data
 * streams or x-pack. Disk watermarks are off (a nearly full CI disk must not make indices
 * read-only); SIGTERM closes the nodes cleanly.
 *
 * usage: NodeMain BASE_PATH NUM_NODES HTTP_PORT CLUSTER_NAME
 */
package org.govspider.search;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public final class NodeMain {
    private static final Collection<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class);

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: NodeMain BASE_PATH NUM_NODES HTTP_PORT CLUSTER_NAME");
            System.exit(2);
        }
        final Path base = Path.of(args[0]).toAbsolutePath();
        final int count = Integer.parseInt(args[1]);
        final int httpPort = Integer.parseInt(args[2]);
        final String clusterName = args[3];

        LogConfigurator.loadLog4jPlugins();
        LogConfigurator.configureWithoutConfig(Settings.builder().put("logger.level", "WARN").build());

        final List<Integer> transportPorts = freePorts(count);
        final List<String> names = new ArrayList<>();
        final List<String> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("node-" + (i + 1));
            seeds.add("127.0.0.1:" + transportPorts.get(i));
        }
        final List<Node> nodes = new ArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Node node : nodes) {
                try {
                    node.close();
                    node.awaitClose(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }
            closed.countDown();
        }, "govspider-node-shutdown"));

        for (int i = 0; i < count; i++) {
            final Path home = base.resolve(names.get(i));
            Files.createDirectories(home.resolve("config"));
            final Settings.Builder settings = Settings.builder()
                .put("cluster.name", clusterName)
                .put("node.name", names.get(i))
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort + i)
                .put("transport.port", transportPorts.get(i))
                .put("cluster.routing.allocation.disk.threshold_enabled", false);
            if (count == 1) {
                settings.put("discovery.type", "single-node");
            } else {
                settings.putList("discovery.seed_hosts", seeds);
                settings.putList("cluster.initial_master_nodes", names);
                // start() would wait for a quorum of nodes not started yet; es.sh waits for all of them
                settings.put("discovery.initial_state_timeout", "0s");
            }
            final Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings.build(), Map.of(), home.resolve("config"), () -> names.get(0));
            final Node node = new ClasspathPluginNode(environment, PLUGINS);
            nodes.add(node);
            node.start();
        }
        System.out.println("govspider search node(s) up: Elasticsearch " + org.elasticsearch.Version.CURRENT + ", "
            + count + " node(s) from http://127.0.0.1:" + httpPort);
        closed.await();
    }

    /** Free loopback ports for the nodes' transport (bound and released; taken again at once). */
    private static List<Integer> freePorts(int count) throws IOException {
        final List<ServerSocket> sockets = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
        return ports;
    }
}
