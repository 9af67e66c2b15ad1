import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Runs a real Solr 9 server for CKAN from Maven artifacts (no Docker, no Solr distribution).
 *
 * <p>Usage: {@code SolrRunner <solrHome> <port> [readyFile]}. Binds 127.0.0.1 only. Exits non-zero
 * when the container or any core fails to load, so the calling script never waits on a broken
 * Solr. Prints {@code READY <url>} and writes it to {@code readyFile} once the ckan core serves.
 */
public final class SolrRunner {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SolrRunner <solrHome> <port> [readyFile]");
      System.exit(2);
    }
    // Modules would need solr.install.dir, which an embedded Solr does not have.
    if (System.getenv("SOLR_MODULES") != null || System.getProperty("solr.modules") != null) {
      System.err.println("SOLR_MODULES / solr.modules must not be set for this Solr");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);

    JettyConfig config =
        JettyConfig.builder()
            .setPort(port)
            .setContext("/solr")
            .stopAtShutdown(true)
            .withPortRetryTime(0)
            .waitForLoadingCoresToFinish(120_000L)
            .build();
    JettySolrRunner runner = new JettySolrRunner(home.toString(), new Properties(), config);
    try {
      runner.start();
    } catch (Exception e) {
      System.err.println("Solr failed to start: " + e);
      System.exit(1);
    }

    CoreContainer cores = runner.getCoreContainer();
    if (cores == null) {
      fail(runner, "Solr failed to start: no core container (see the log above)");
    }
    Map<String, CoreContainer.CoreLoadFailure> failures = cores.getCoreInitFailures();
    if (!failures.isEmpty()) {
      failures.forEach(
          (name, failure) ->
              System.err.println("core " + name + " failed to load: " + failure.exception));
      fail(runner, "Solr core(s) failed to load");
    }
    if (!cores.getLoadedCoreNames().contains("ckan")) {
      fail(runner, "the ckan core is not loaded; loaded: " + cores.getLoadedCoreNames());
    }

    String url = runner.getBaseUrl() + "/ckan";
    System.out.println("READY " + url);
    System.out.flush();
    if (args.length > 2) {
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
        out.println(url);
      }
    }
    Thread.currentThread().join();
  }

  private static void fail(JettySolrRunner runner, String message) {
    System.err.println(message);
    try {
      runner.stop();
    } catch (Exception ignored) {
      // Exiting anyway.
    }
    System.exit(1);
  }
}
