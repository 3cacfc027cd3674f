/*
 * ClusterMain — runs govspider's dev/CI search cluster (N nodes in one JVM) on exact ports.
 *
 * The codelibs runner's own main() only uses HTTP ports up to 9299 and silently moves a node to
 * the next free port; this launcher pins node i to PORT+i-1 (any port), turns off the disk
 * watermarks (a nearly full CI disk must not make indices read-only) and closes cleanly on SIGTERM.
 *
 * usage: ClusterMain BASE_PATH NUM_NODES HTTP_PORT CLUSTER_NAME
 */
package org.govspider.search;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public final class ClusterMain {
    private ClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ClusterMain BASE_PATH NUM_NODES HTTP_PORT CLUSTER_NAME");
            System.exit(2);
        }
        final String basePath = args[0];
        final int nodes = Integer.parseInt(args[1]);
        final int port = Integer.parseInt(args[2]);
        final String clusterName = args[3];

        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(port + nodes - 1);
        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("action.destructive_requires_name", false);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(basePath)
                .numOfNode(nodes)
                .baseHttpPort(port - 1)
                .clusterName(clusterName)
                .printOnFailure());
        runner.ensureYellow();
        System.out.println("govspider search cluster up: " + nodes + " node(s) from http://127.0.0.1:" + port);
        while (!runner.isClosed()) {
            Thread.sleep(5000L);
        }
    }
}
