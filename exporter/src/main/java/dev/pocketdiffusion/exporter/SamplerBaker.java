package dev.pocketdiffusion.exporter;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.card.CardView;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.onnx.OnnxBakedSampler;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DataMoments;
import dev.pocketdiffusion.sampling.DataRange;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.Samplers;
import dev.pocketdiffusion.sampling.Sampling;
import dev.pocketdiffusion.sampling.TimestepSpacing;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bakes a deterministic sampler and an exported network into one ONNX graph ({@code trainer bake}):
 * the {@link SamplerTrace} of the runtime's own sampler, with the network inlined once per model
 * call (weights shared, values renamed), the time input fed exactly as {@code OnnxDenoiser} feeds
 * it, classifier-free guidance as {@code u + g·(c − u)} with g an input, x̂0 clamped where the card
 * has a range, and the starting draw mapped to the path's start as {@link Sampling#toStart} maps
 * it. Inputs {@code noise} float [N, D] and, for conditional models, {@code label} int64 [N] and
 * {@code guidance} float [1]; output {@code samples} float [N, D]; opset 17.
 */
public final class SamplerBaker {
  private SamplerBaker() {}

  /** The samplers that can be baked: the deterministic ones with a fixed step count. */
  public static List<String> bakeable() {
    List<String> names = new ArrayList<>();
    for (String name : Samplers.NAMES.split(",\\s*")) {
      if (!name.equals("adaptive") && !Samplers.create(name, 1).isStochastic()) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Bakes {@code sampler} with {@code steps} steps and {@code spacing} (null: the sampler's
   * recommended one) into the model {@code source}.
   *
   * @param sourceName the source file's name, recorded in the card with the bytes' SHA-256
   * @throws InvalidInputException if the source is not an exported model with a card
   * @throws IllegalArgumentException for a stochastic or unknown sampler, bad steps or spacing, or
   *     a sampler that the trace does not reproduce
   */
  public static ModelProto bake(
      byte[] source, String sourceName, String sampler, int steps, String spacing) {
    return bake(source, sourceName, sampler, steps, spacing, false);
  }

  /**
   * As {@link #bake(byte[], String, String, int, String)}; {@code loop} builds the prototype with
   * an ONNX {@code Loop} around one copy of the network instead (ddim and euler only; loads only
   * with {@code --allow-any-operator}).
   */
  public static ModelProto bake(
      byte[] source, String sourceName, String sampler, int steps, String spacing, boolean loop) {
    ModelProto model;
    try {
      model = ModelProto.parseFrom(source);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException(sourceName + ": not an ONNX model (" + e.getMessage() + ")");
    }
    ModelCard card = card(model, sourceName);
    if (card.isBaked()) {
      throw new InvalidInputException(sourceName + ": is already a baked sampler");
    }
    Sampler chosen = create(sampler, steps, spacing);
    Denoiser view = new CardView(card);
    Sampling.check(chosen, view);
    SamplerTrace trace = SamplerTrace.record(chosen, view);
    trace.check(chosen, view);
    card.setBaked(
        chosen.name(), steps, spacing, new java.io.File(sourceName).getName(), sha256(source));
    Builder builder = new Builder(model.getGraph(), card, view);
    GraphProto graph = loop ? builder.buildLoop(trace) : builder.build(trace);
    return ModelProto.newBuilder()
        .setIrVersion(OnnxExporter.IR_VERSION)
        .addOpsetImport(
            OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET))
        .setProducerName("pocket-diffusion")
        .setProducerVersion(OnnxExporter.PRODUCER_VERSION)
        .setModelVersion(card.formatVersion())
        .setDocString(
            "Pocket Diffusion baked sampler ("
                + chosen.name()
                + ", "
                + steps
                + " steps); see metadata key "
                + ModelCard.METADATA_KEY)
        .setGraph(graph)
        .addMetadataProps(
            StringStringEntryProto.newBuilder()
                .setKey(ModelCard.METADATA_KEY)
                .setValue(card.toJson()))
        .build();
  }

  private static Sampler create(String sampler, int steps, String spacing) {
    List<String> bakeable = bakeable();
    if (!bakeable.contains(sampler)) {
      boolean known = List.of(Samplers.NAMES.split(",\\s*")).contains(sampler);
      throw new IllegalArgumentException(
          (known
                  ? "sampler '"
                      + sampler
                      + "' "
                      + (sampler.equals("adaptive")
                          ? "picks its steps from the data"
                          : "draws fresh noise")
                      + " and cannot be baked"
                  : "unknown sampler '" + sampler + "'")
              + "; bake one of: "
              + String.join(", ", bakeable));
    }
    TimestepSpacing chosen = spacing == null ? null : TimestepSpacing.parse(spacing);
    return Samplers.create(sampler, steps, 0.0, chosen);
  }

  private static ModelCard card(ModelProto model, String sourceName) {
    Map<String, String> metadata = new HashMap<>();
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      metadata.put(entry.getKey(), entry.getValue());
    }
    return ModelCard.fromMetadata(metadata, sourceName);
  }

  /** The lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The graph under construction. */
  private static final class Builder {
    private final GraphProto network;
    private final ModelCard card;
    private final Denoiser view;
    private OnnxGraph g = new OnnxGraph("pocket_diffusion_baked");
    private String label;
    private String nullLabel;
    private String guidance;
    private String zeros;
    private final Set<String> weights = new HashSet<>();
    private final int dim;
    private final boolean labelled;

    Builder(GraphProto network, ModelCard card, Denoiser view) {
      this.network = network;
      this.card = card;
      this.view = view;
      this.dim = card.dimension();
      this.labelled = card.numClasses() > 0;
      checkSignature();
    }

    private void checkSignature() {
      Set<String> inputs = new HashSet<>();
      network.getInputList().forEach(v -> inputs.add(v.getName()));
      Set<String> expected = new HashSet<>(List.of(OnnxNetwork.INPUT_X, OnnxNetwork.INPUT_T));
      if (labelled) {
        expected.add(OnnxNetwork.INPUT_LABEL);
      }
      if (!inputs.equals(expected) || network.getOutputCount() != 1) {
        throw new InvalidInputException(
            "the model's graph has inputs "
                + inputs
                + " and "
                + network.getOutputCount()
                + " outputs; bake needs an exported denoiser with inputs "
                + expected
                + " and one output");
      }
      for (NodeProto node : network.getNodeList()) {
        for (AttributeProto a : node.getAttributeList()) {
          if (a.hasG() || a.getGraphsCount() > 0) {
            throw new InvalidInputException(
                "the model's graph has a subgraph (node "
                    + node.getOpType()
                    + "); bake cannot inline it");
          }
        }
      }
    }

    /** Declares the inputs and adds the weights and the values every call shares. */
    private void prelude() {
      g.input(OnnxBakedSampler.INPUT_NOISE, TensorProto.DataType.FLOAT, dim);
      if (labelled) {
        g.input(OnnxBakedSampler.INPUT_LABEL, TensorProto.DataType.INT64);
        g.fixedInput(OnnxBakedSampler.INPUT_GUIDANCE, TensorProto.DataType.FLOAT, 1);
        label = OnnxBakedSampler.INPUT_LABEL;
        guidance = OnnxBakedSampler.INPUT_GUIDANCE;
        String none = g.node("Mul", label, g.longConstant("zero_label", new long[] {0}));
        nullLabel =
            g.node("Add", none, g.longConstant("null_label", new long[] {card.numClasses()}));
      }
      for (TensorProto w : network.getInitializerList()) {
        weights.add(w.getName());
        g.addInitializer(w.toBuilder().setName(weight(w.getName())).build());
      }
      // a [N] vector of zeros to add each call's time to (Gather of column 0, times 0)
      String column =
          g.node(
              "Gather",
              new String[] {OnnxBakedSampler.INPUT_NOISE, g.longConstant("column", new long[] {0})},
              OnnxGraph.intAttribute("axis", 1));
      zeros = g.node("Mul", column, g.scalar("zero", 0f));
    }

    /** The network's (guided) output for input {@code x} at network time {@code t} ([N]). */
    private String network(int call, String x, String t) {
      String raw = inline(call, "c", x, t, label);
      if (labelled) {
        String u = inline(call, "u", x, t, nullLabel);
        String diff = g.node("Add", raw, g.node("Mul", u, g.scalar("minus_one", -1f)));
        raw = g.node("Add", u, g.node("Mul", guidance, diff));
      }
      return raw;
    }

    /** The unrolled graph: the network inlined once per call. */
    GraphProto build(SamplerTrace trace) {
      prelude();
      List<String> inputs = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      String start = start();
      DataRange range = card.dataRange();
      for (int k = 0; k < trace.calls.size(); k++) {
        SamplerTrace.Call call = trace.calls.get(k);
        String x = combine(call.input(), start, inputs, outputs);
        String t = g.node("Add", zeros, g.scalar("time", card.networkTime(call.t())));
        String raw = network(k, x, t);
        if (trace.basis == SamplerTrace.Basis.CLAMPED_X0) {
          raw = clampedX0(x, raw, view.path().at(call.t()), range);
        }
        inputs.add(x);
        outputs.add(raw);
      }
      g.output(OnnxBakedSampler.OUTPUT, combine(trace.result, start, inputs, outputs), dim);
      return g.build();
    }

    /**
     * A prototype: an ONNX {@code Loop} around one copy of the network, for samplers whose every
     * call reads only the previous call's input and output (ddim, euler); per-iteration times and
     * coefficients are gathered from constant tables by the iteration number. {@code Loop} is not
     * in {@link dev.pocketdiffusion.onnx.GraphCheck#EXPORTER_OPERATORS}, so such a file loads only
     * with {@code --allow-any-operator}.
     */
    GraphProto buildLoop(SamplerTrace trace) {
      int m = trace.calls.size();
      float[] alpha = new float[m];
      float[] beta = new float[m];
      float[] times = new float[m];
      float[] xa = new float[m];
      float[] xb = new float[m];
      for (int k = 0; k < m; k++) {
        List<SamplerTrace.Term> next = k + 1 < m ? trace.calls.get(k + 1).input() : trace.result;
        for (SamplerTrace.Term term : next) {
          if (term.kind() == SamplerTrace.Kind.INPUT && term.call() == k) {
            alpha[k] = (float) term.coefficient();
          } else if (term.kind() == SamplerTrace.Kind.OUTPUT && term.call() == k) {
            beta[k] = (float) term.coefficient();
          } else {
            throw new IllegalArgumentException(
                "--loop needs a sampler whose every step reads only the previous model call"
                    + " (ddim, euler); bake this one unrolled");
          }
        }
        PathPoint p = view.path().at(trace.calls.get(k).t());
        times[k] = card.networkTime(p.t);
        xa[k] = (float) card.prediction().x0(1, 0, p);
        xb[k] = (float) card.prediction().x0(0, 1, p);
      }
      for (SamplerTrace.Term term : trace.calls.get(0).input()) {
        if (term.kind() != SamplerTrace.Kind.START) {
          throw new IllegalStateException("the first call reads more than the start");
        }
      }
      prelude();
      String start = start();
      String first = combine(trace.calls.get(0).input(), start, List.of(), List.of());
      String alphas = g.constant("alpha", alpha, m);
      String betas = g.constant("beta", beta, m);
      String timeTable = g.constant("times", times, m);
      String xaTable = g.constant("x0_of_x", xa, m);
      String xbTable = g.constant("x0_of_out", xb, m);
      DataRange range = card.dataRange();
      String lo = range == null ? null : g.constant("x0_min", floats(range.min()), dim);
      String hi = range == null ? null : g.constant("x0_max", floats(range.max()), dim);
      OnnxGraph outer = g;
      OnnxGraph body = new OnnxGraph("step", "step/");
      g = body;
      String iter = "step/iter";
      String condIn = "step/cond_in";
      String xIn = "step/x_in";
      body.fixedInput(iter, TensorProto.DataType.INT64);
      body.fixedInput(condIn, TensorProto.DataType.BOOL);
      body.input(xIn, TensorProto.DataType.FLOAT, dim);
      String t = body.node("Add", zeros, body.node("Gather", timeTable, iter));
      String basis = network(-1, xIn, t);
      if (trace.basis == SamplerTrace.Basis.CLAMPED_X0) {
        String clean =
            body.node(
                "Add",
                body.node("Mul", xIn, body.node("Gather", xaTable, iter)),
                body.node("Mul", basis, body.node("Gather", xbTable, iter)));
        basis = body.node("Min", body.node("Max", clean, lo), hi);
      }
      String xOut =
          body.node(
              "Add",
              body.node("Mul", xIn, body.node("Gather", alphas, iter)),
              body.node("Mul", basis, body.node("Gather", betas, iter)));
      body.addNode(identity(condIn, "step/cond_out"));
      body.addNode(identity(xOut, "step/x_out"));
      body.addOutput(OnnxGraph.fixedValueInfo("step/cond_out", TensorProto.DataType.BOOL));
      body.addOutput(OnnxGraph.valueInfo("step/x_out", TensorProto.DataType.FLOAT, dim));
      g = outer;
      g.addNode(
          NodeProto.newBuilder()
              .setOpType("Loop")
              .setName("sampler_loop")
              .addInput(g.longConstant("iterations", new long[] {m}))
              .addInput("")
              .addInput(first)
              .addOutput("loop_out")
              .addAttribute(
                  AttributeProto.newBuilder()
                      .setName("body")
                      .setType(AttributeProto.AttributeType.GRAPH)
                      .setG(body.build()))
              .build());
      g.output(OnnxBakedSampler.OUTPUT, "loop_out", dim);
      return g.build();
    }

    private static NodeProto identity(String from, String to) {
      return NodeProto.newBuilder()
          .setOpType("Identity")
          .setName(to + "_node")
          .addInput(from)
          .addOutput(to)
          .build();
    }

    /** The path's start from the draw: b(1)·noise, or mean + L·z for ve with moments. */
    private String start() {
      if (Sampling.startsFromMoments(view)) {
        double sigma = view.path().at(1.0).b;
        DataMoments moments = card.dataMoments();
        double[] factor = moments.noisyFactor(sigma);
        float[] transposed = new float[dim * dim];
        for (int i = 0; i < dim; i++) {
          for (int k = 0; k < dim; k++) {
            transposed[k * dim + i] = (float) factor[i * dim + k];
          }
        }
        double[] mean = moments.mean();
        float[] meanF = new float[dim];
        for (int i = 0; i < dim; i++) {
          meanF[i] = (float) mean[i];
        }
        return g.node(
            "Gemm",
            OnnxBakedSampler.INPUT_NOISE,
            g.constant("chol_t", transposed, dim, dim),
            g.constant("mean", meanF, dim));
      }
      double scale = view.path().at(1.0).b;
      return scale == 1
          ? OnnxBakedSampler.INPUT_NOISE
          : g.node("Mul", OnnxBakedSampler.INPUT_NOISE, g.scalar("start_scale", (float) scale));
    }

    private String clampedX0(String x, String raw, PathPoint p, DataRange range) {
      Prediction prediction = card.prediction();
      double a = prediction.x0(1, 0, p);
      double b = prediction.x0(0, 1, p);
      double check = prediction.x0(2, 3, p);
      if (!(Math.abs(check - (2 * a + 3 * b)) <= 1e-9 * (1 + Math.abs(check)))
          || prediction.x0(0, 0, p) != 0) {
        throw new IllegalStateException("x0 is not linear in (x, output) for " + prediction);
      }
      String clean = scaled(raw, b);
      if (a != 0) {
        clean = g.node("Add", scaled(x, a), clean);
      }
      String lo = g.constant("x0_min", floats(range.min()), dim);
      String hi = g.constant("x0_max", floats(range.max()), dim);
      return g.node("Min", g.node("Max", clean, lo), hi);
    }

    private String combine(
        List<SamplerTrace.Term> terms, String start, List<String> inputs, List<String> outputs) {
      String sum = null;
      for (SamplerTrace.Term term : terms) {
        String value =
            term.kind() == SamplerTrace.Kind.START
                ? start
                : (term.kind() == SamplerTrace.Kind.INPUT ? inputs : outputs).get(term.call());
        String part = scaled(value, term.coefficient());
        sum = sum == null ? part : g.node("Add", sum, part);
      }
      return sum == null ? g.node("Mul", start, g.scalar("zero", 0f)) : sum;
    }

    private String scaled(String value, double coefficient) {
      return coefficient == 1 ? value : g.node("Mul", value, g.scalar("coef", (float) coefficient));
    }

    /** Inlines the network once: returns the name of its output for (x, t, label). */
    private String inline(int call, String tag, String x, String t, String label) {
      String prefix = "call" + call + tag + "/";
      Map<String, String> names = new HashMap<>();
      names.put(OnnxNetwork.INPUT_X, x);
      names.put(OnnxNetwork.INPUT_T, t);
      if (label != null) {
        names.put(OnnxNetwork.INPUT_LABEL, label);
      }
      for (NodeProto node : network.getNodeList()) {
        NodeProto.Builder copy = node.toBuilder().setName(prefix + node.getName());
        copy.clearInput().clearOutput();
        for (String in : node.getInputList()) {
          copy.addInput(rename(in, prefix, names));
        }
        for (String out : node.getOutputList()) {
          copy.addOutput(rename(out, prefix, names));
        }
        g.addNode(copy.build());
      }
      return rename(network.getOutput(0).getName(), prefix, names);
    }

    private String rename(String name, String prefix, Map<String, String> names) {
      if (name.isEmpty()) {
        return name;
      }
      if (names.containsKey(name)) {
        return names.get(name);
      }
      return weights.contains(name) ? weight(name) : prefix + name;
    }

    private static String weight(String name) {
      return "net/" + name;
    }

    private static float[] floats(double[] values) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return f;
    }
  }
}
