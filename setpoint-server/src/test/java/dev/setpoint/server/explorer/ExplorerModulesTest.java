package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's scripts as the server serves them: the page names them with {@code src} (no inline
 * script, which its Content-Security-Policy forbids), and every ES module it imports, followed from
 * the entry module through each {@code import … from}, answers 200 as JavaScript under the page's
 * policy. A browser refuses a module served with another type ({@code nosniff}) and stops the whole
 * page at one that is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerModulesTest {

  private static final Path WEB = Path.of("src/main/resources/dev/setpoint/server/explorer/web");
  private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>",
      Pattern.DOTALL);
  private static final Pattern SRC = Pattern.compile("\\bsrc=\"([^\"]+)\"");
  /**
   * A static import or re-export: {@code import { a, b } from './x.js';}, {@code import x from …},
   * {@code import * as x from …}, {@code export { a } from …}, {@code export * from …}, or {@code
   * import './x.js';}.
   */
  private static final Pattern IMPORT = Pattern.compile("^\\s*(?:import|export)\\s*"
      + "(?:\\{[^}]*\\}|\\*(?:\\s*as\\s+[\\w$]+)?|[\\w$]+(?:\\s*,\\s*\\{[^}]*\\})?)\\s*"
      + "from\\s*['\"]([^'\"]+)['\"]|^\\s*import\\s*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);

  @TempDir static Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Store store;
  private DecisionServer server;
  private URI page;

  @BeforeAll
  void start() throws Exception {
    store = JdbcStore.sqlite(dir);
    server = DecisionServer.start(store, DecisionServer.Options.defaults());
    page = URI.create("http://127.0.0.1:" + server.port() + "/explorer");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The page's script elements: their attributes, by the URI their {@code src} names. */
  private Map<URI, String> scripts() throws Exception {
    HttpResponse<String> html = get(page);
    assertThat(html.statusCode()).isEqualTo(200);
    Map<URI, String> scripts = new LinkedHashMap<>();
    Matcher m = SCRIPT.matcher(html.body());
    while (m.find()) {
      assertThat(m.group(2)).as("the content of %s (inline script breaks the page's policy)",
          m.group()).isBlank();
      Matcher src = SRC.matcher(m.group(1));
      assertThat(src.find()).as("a src in %s", m.group()).isTrue();
      scripts.put(page.resolve(src.group(1)), m.group(1));
    }
    return scripts;
  }

  /** Every module the page loads, its module scripts and all they import, with what each imports. */
  private Map<URI, List<URI>> modules() throws Exception {
    Map<URI, List<URI>> imports = new TreeMap<>();
    Deque<URI> next = new ArrayDeque<>();
    scripts().forEach((uri, attributes) -> {
      if (attributes.contains("type=\"module\"")) {
        next.add(uri);
      }
    });
    assertThat(next).as("the page's module scripts").isNotEmpty();
    while (!next.isEmpty()) {
      URI module = next.poll();
      if (imports.containsKey(module)) {
        continue;
      }
      HttpResponse<String> r = get(module);
      assertThat(r.statusCode()).as("GET %s", module).isEqualTo(200);
      List<URI> its = new ArrayList<>();
      Matcher m = IMPORT.matcher(r.body());
      while (m.find()) {
        String specifier = m.group(1) != null ? m.group(1) : m.group(2);
        assertThat(specifier).as("an import in %s (a browser resolves only relative or absolute "
            + "paths without an import map)", module).matches("(\\./|\\.\\./|/).*");
        its.add(module.resolve(specifier));
      }
      imports.put(module, its);
      next.addAll(its);
    }
    return imports;
  }

  @Test
  void everyModuleThePageImportsIsServedAsJavaScriptUnderThePagesPolicy() throws Exception {
    Set<URI> modules = modules().keySet();
    assertThat(modules).hasSizeGreaterThan(1);
    for (URI module : modules) {
      HttpResponse<String> r = get(module);
      assertThat(r.statusCode()).as("GET %s", module).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as("the type of %s", module)
          .startsWith("text/javascript");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as("%s", module)
          .contains("nosniff");
      assertThat(r.headers().firstValue("Content-Security-Policy")).as("%s", module)
          .contains(Explorer.CONTENT_SECURITY_POLICY);
    }
  }

  @Test
  void everyScriptThePageNamesIsServedAsJavaScript() throws Exception {
    for (URI script : scripts().keySet()) {
      HttpResponse<String> r = get(script);
      assertThat(r.statusCode()).as("GET %s", script).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as("the type of %s", script)
          .startsWith("text/javascript");
    }
  }

  @Test
  void everyScriptInTheWebFolderIsAModuleThePageLoads() throws Exception {
    List<String> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(WEB)) {
      all.filter(p -> p.toString().endsWith(".js"))
          .forEach(p -> files.add("/explorer/assets/" + WEB.relativize(p).toString()
              .replace('\\', '/')));
    }
    List<String> loaded = modules().keySet().stream().map(URI::getPath).toList();
    assertThat(loaded).containsExactlyInAnyOrderElementsOf(files);
  }

  /** docs/architecture.md lists the modules so that each imports only those before it. */
  @Test
  void theModulesImportEachOtherWithoutACycle() throws Exception {
    Map<URI, List<URI>> imports = modules();
    Set<URI> done = new HashSet<>();
    for (URI module : imports.keySet()) {
      visit(module, imports, new ArrayList<>(), done);
    }
  }

  private static void visit(URI module, Map<URI, List<URI>> imports, List<URI> path,
      Set<URI> done) {
    assertThat(path).as("an import cycle: %s → %s", path, module).doesNotContain(module);
    if (!done.add(module)) {
      return;
    }
    path.add(module);
    for (URI next : imports.get(module)) {
      visit(next, imports, path, done);
    }
    path.remove(path.size() - 1);
  }
}
