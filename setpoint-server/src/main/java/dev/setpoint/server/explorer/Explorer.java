package dev.setpoint.server.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.ParserMessages;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.json.JsonNumbers;
import dev.setpoint.policy.ToolVersion;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.ObjectiveSyntaxException;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.store.Store;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The threshold explorer's endpoints and page ({@code docs/explorer.md}). The decision service
 * registers them with {@link #register}; everything the page shows comes from here, computed by the
 * core from exact curves. Data endpoints need the {@code read} role when tokens are configured,
 * uploading a file the {@code upload} role; storing a policy goes through the policy API itself
 * ({@code PUT /v1/policies/{name}}, role {@code edit}).
 */
public final class Explorer {

  /** The Content-Security-Policy of the explorer's page and assets: nothing from elsewhere. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  /**
   * What the explorer may hold in memory, in all and per identity (the {@code name} of a token, or
   * "anonymous" without tokens). Examples count against the global bounds only: they are shared.
   *
   * @param maxDatasets the most data sets kept at once
   * @param maxRows the most rows over all data sets kept (each costs about 16–48 bytes)
   * @param maxUploadBytes the largest file accepted
   * @param quotaDatasets the most data sets one identity may have uploaded and kept at once; a
   *     quota above {@code maxDatasets} is bounded by it
   * @param quotaRows the most rows over one identity's uploaded data sets; the largest file it may
   *     load is the smaller of this and {@code maxRows}
   * @param idleExpiry how long a data set nobody has used (loaded or read) is kept
   */
  public record Limits(int maxDatasets, long maxRows, long maxUploadBytes, int quotaDatasets,
      long quotaRows, Duration idleExpiry) {

    /** Validates that every bound is positive. */
    public Limits {
      if (maxDatasets < 1 || maxRows < 1 || maxUploadBytes < 1 || quotaDatasets < 1
          || quotaRows < 1) {
        throw new IllegalArgumentException("explorer limits must be >= 1, were maxDatasets="
            + maxDatasets + ", maxRows=" + maxRows + ", maxUploadBytes=" + maxUploadBytes
            + ", quotaDatasets=" + quotaDatasets + ", quotaRows=" + quotaRows);
      }
      Objects.requireNonNull(idleExpiry, "idleExpiry");
      if (idleExpiry.isNegative() || idleExpiry.isZero()) {
        throw new IllegalArgumentException("the explorer's idle expiry must be positive, was "
            + idleExpiry);
      }
    }

    /**
     * 8 data sets, 10 million rows in all, files of up to 512 MiB; 4 data sets and 5 million rows
     * per identity; a data set unused for 4 hours is dropped.
     */
    public static Limits defaults() {
      return new Limits(8, 10_000_000, 512L << 20, 4, 5_000_000, Duration.ofHours(4));
    }

    /** The most rows one upload may have: its owner's quota, within the global bound. */
    long maxUploadRows() {
      return Math.min(maxRows, quotaRows);
    }
  }

  /** Adds a route; the decision service's own registration, so every route is in its list. */
  @FunctionalInterface
  public interface Routes {
    void add(String method, String path, Handler handler);
  }

  private static final String WEB = "/dev/setpoint/server/explorer/web";
  private static final int DERIVED_CURVES = 16;

  private final Store store;
  private final Access access;
  private final Clock clock;
  private final Datasets datasets;
  private final DatasetLoader loader;
  private final Examples examples = new Examples();
  private final ObjectMapper json = new ObjectMapper();
  private final String page;
  private final ToolVersion tool;
  /** Lab views (rounded scores, a few positives) of recently used data sets, least recent out. */
  private final Map<String, Curve> derived = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Curve> eldest) {
      return size() > DERIVED_CURVES;
    }
  };

  /**
   * An explorer over the decision service's store.
   *
   * @param store where policies are (for opening the data a stored policy was chosen on)
   * @param access tokens and roles
   * @param limits what it may hold in memory, in all and per identity
   * @param clock when data sets were loaded, last used (for the idle expiry) and policies drafted
   */
  public Explorer(Store store, Access access, Limits limits, Clock clock) {
    this.store = store;
    this.access = access;
    this.clock = clock;
    this.datasets = new Datasets(limits, clock);
    this.loader = new DatasetLoader(limits, clock);
    this.page = resource(WEB + "/index.html");
    this.tool = ToolVersion.of("setpoint explorer");
  }

  /** Registers the routes, the page's assets and the uPlot WebJar. */
  public void register(JavalinConfig cfg, Routes routes) {
    cfg.staticFiles.enableWebjars();
    cfg.staticFiles.add(files -> {
      files.hostedPath = "/explorer/assets";
      files.directory = WEB;
      files.location = Location.CLASSPATH;
      files.headers = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
    });
    routes.add("GET", "/", ctx -> ctx.redirect("/explorer"));
    routes.add("GET", "/explorer", ctx -> ctx.header("Content-Security-Policy",
        CONTENT_SECURITY_POLICY).header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(page));
    routes.add("GET", "/v1/explorer/examples", this::listExamples);
    routes.add("POST", "/v1/explorer/examples/{name}", this::loadExample);
    routes.add("POST", "/v1/explorer/datasets", this::upload);
    routes.add("GET", "/v1/explorer/datasets", ctx -> {
      String caller = read(ctx);
      ObjectNode out = json.createObjectNode();
      ArrayNode list = out.putArray("datasets");
      datasets.visibleTo(caller).forEach(d -> list.add(summary(d)));
      send(ctx, 200, out);
    });
    routes.add("GET", "/v1/explorer/datasets/{id}", ctx -> send(ctx, 200, summary(dataset(ctx))));
    routes.add("GET", "/v1/explorer/datasets/{id}/curve", ctx -> {
      Dataset d = dataset(ctx);
      Params p = new Params(ctx);
      send(ctx, 200, CurveReport.of(curve(d, View.of(p)), CurveReport.Request.of(p),
          Markers.Request.of(p)));
    });
    routes.add("GET", "/v1/explorer/datasets/{id}/at", ctx -> {
      Dataset d = dataset(ctx);
      Params p = new Params(ctx);
      send(ctx, 200, PointReport.of(curve(d, View.of(p)), PointReport.Request.of(p)));
    });
    routes.add("GET", "/v1/explorer/datasets/{id}/segments", this::segments);
    routes.add("GET", "/v1/explorer/datasets/{id}/reliability", ctx -> {
      Dataset d = dataset(ctx);
      Params p = new Params(ctx);
      send(ctx, 200, ReliabilityReport.of(curve(d, View.of(p)), p.integer("bins", 1, 100)
          .orElse(10)));
    });
    routes.add("POST", "/v1/explorer/datasets/{id}/policy", ctx -> {
      Dataset d = dataset(ctx);
      send(ctx, 200, PolicyDraft.of(d, body(ctx), access.require(ctx, Access.Role.READ).name(),
          clock, tool));
    });
    routes.add("GET", "/v1/explorer/policies", ctx -> {
      String caller = read(ctx);
      send(ctx, 200, StoredPolicies.of(store, examples, datasets.visibleTo(caller)));
    });
  }

  /** The name of a caller allowed to read: whose uploads, and the examples, it may see. */
  private String read(Context ctx) {
    return access.require(ctx, Access.Role.READ).name();
  }

  private void listExamples(Context ctx) {
    read(ctx);
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("examples");
    for (Examples.Example e : examples.all()) {
      ObjectNode node = list.addObject();
      node.put("name", e.name()).put("file", e.file()).put("title", e.title())
          .put("sha256", e.sha256());
      ArrayNode columns = node.putArray("segmentColumns");
      e.options().segmentColumns().forEach(columns::add);
    }
    send(ctx, 200, out);
  }

  private void loadExample(Context ctx) {
    String caller = read(ctx);
    String name = ctx.pathParam("name");
    Examples.Example e = examples.byName(name).orElseThrow(() -> ApiException.notFound(
        "no example named " + Params.quoted(name) + "; the examples are " + examples.all().stream()
            .map(Examples.Example::name).toList()));
    Dataset d;
    try (InputStream in = Examples.open(e)) {
      d = loader.read(in, new DatasetLoader.Upload(e.file(), e.options()), Optional.empty());
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    added(ctx, d, caller);
  }

  private void upload(Context ctx) {
    // Access first: nobody without the role gets a byte of the body read.
    String caller = access.require(ctx, Access.Role.UPLOAD).name();
    DatasetLoader.Upload upload = DatasetLoader.upload(new Params(ctx));
    added(ctx, loader.read(ctx.bodyInputStream(), upload, Optional.of(caller)), caller);
  }

  private void added(Context ctx, Dataset d, String caller) {
    Datasets.Admission admission = datasets.add(d, caller);
    if (admission instanceof Datasets.Admission.Refused refused) {
      throw new ApiException(503, "explorer-full", "The explorer's memory is full",
          refused.reason(), List.of());
    }
    ObjectNode out = summary(d);
    ArrayNode evicted = out.putArray("evicted");
    ((Datasets.Admission.Admitted) admission).evicted().forEach(evicted::add);
    ctx.header("Location", "/v1/explorer/datasets/" + d.id());
    send(ctx, 201, out);
  }

  private void segments(Context ctx) {
    Dataset d = dataset(ctx);
    Params p = new Params(ctx);
    String text = p.text("objective").orElseThrow(() -> Params.bad("objective",
        "required, e.g. recall@precision>=0.9"));
    Objective objective;
    try {
      objective = ObjectiveParser.parse(text);
    } catch (ObjectiveSyntaxException e) {
      throw Params.bad("objective", Params.quoted(text) + ": " + e.problem());
    }
    send(ctx, 200, SegmentReport.of(d, objective,
        p.number("minPositives", 0, Double.MAX_VALUE).orElse(30),
        p.number("minFlags", 0, Double.MAX_VALUE).orElse(0)));
  }

  /** The data set of the path's id, if the caller may see it: another's is as unknown, a 404. */
  private Dataset dataset(Context ctx) {
    String caller = read(ctx);
    String id = ctx.pathParam("id");
    return datasets.get(id, caller).orElseThrow(() -> ApiException.notFound("no data set "
        + Params.quoted(id) + " in memory (the explorer keeps the most recently used ones; load it "
        + "again)"));
  }

  /** The curve of a view: the data set's own, or a lab view of it, cached. */
  private Curve curve(Dataset d, View view) {
    Curve base = d.curve(view.segment()).orElseThrow(() -> Params.bad("segment", "the data set has "
        + "no segment " + view.segment().values() + (d.segmentColumns().isEmpty()
            ? "; it was read without segment columns"
            : "; its segment columns are " + d.segmentColumns())));
    if (view.isPlain()) {
      return base;
    }
    String key = d.id() + " " + view;
    synchronized (derived) {
      Curve cached = derived.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Curve c = base;
    if (view.round().isPresent()) {
      c = DerivedCurves.rounded(c, view.round().getAsInt());
    }
    if (view.fewPositives().isPresent()) {
      try {
        c = DerivedCurves.fewPositives(c, view.fewPositives().getAsInt(), view.seed());
      } catch (IllegalArgumentException e) {
        throw ApiException.unprocessable("weighted", "Not available for weighted data",
            String.valueOf(e.getMessage()), List.of());
      }
    }
    synchronized (derived) {
      derived.put(key, c);
    }
    return c;
  }

  private ObjectNode summary(Dataset d) {
    ObjectNode out = json.createObjectNode();
    out.put("id", d.id()).put("name", d.name()).put("origin", d.origin()).put("sha256", d.sha256())
        .put("format", d.format());
    ObjectNode columns = out.putObject("columns");
    d.columns().forEach(columns::put);
    out.put("rowsRead", d.rowsRead()).put("rowsUsed", d.rowsUsed());
    ObjectNode dropped = out.putObject("dropped");
    d.dropped().forEach(dropped::put);
    JsonNumbers.put(out, "positives", d.overall().positives());
    JsonNumbers.put(out, "negatives", d.overall().negatives());
    out.put("points", d.overall().size());
    out.put("weighted", d.overall().isWeighted());
    ArrayNode segmentColumns = out.putArray("segmentColumns");
    d.segmentColumns().forEach(segmentColumns::add);
    ArrayNode segments = out.putArray("segments");
    for (Map.Entry<SegmentKey, Curve> e : d.segments().entrySet()) {
      ObjectNode s = segments.addObject();
      ArrayNode values = s.putArray("segment");
      e.getKey().values().forEach(values::add);
      s.put("label", e.getKey().label());
      s.put("level", e.getKey().values().size());
      s.put("rows", d.rows(e.getKey()));
      JsonNumbers.put(s, "positives", e.getValue().positives());
      JsonNumbers.put(s, "negatives", e.getValue().negatives());
    }
    out.put("loadedAt", d.loadedAt().toString());
    return out;
  }

  private JsonNode body(Context ctx) {
    try {
      return json.readTree(ctx.bodyAsBytes());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the body is not valid JSON: "
          + ParserMessages.withoutSourcePlaceholder(e.getOriginalMessage()),
          List.of());
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage(), List.of());
    }
  }

  private void send(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  private static String resource(String path) {
    try (InputStream in = Explorer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
