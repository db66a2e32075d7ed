package dev.pocketdiffusion.exporter;

import dev.pocketdiffusion.paths.AffinePath;
import dev.pocketdiffusion.paths.PathPoint;
import dev.pocketdiffusion.paths.Prediction;
import dev.pocketdiffusion.sampling.DataRange;
import dev.pocketdiffusion.sampling.Denoiser;
import dev.pocketdiffusion.sampling.ForwardingDenoiser;
import dev.pocketdiffusion.sampling.Sampler;
import dev.pocketdiffusion.sampling.StepListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * A deterministic sampler run written down as a straight-line linear program, recorded by running
 * the runtime's own {@link Sampler} on a recording denoiser. Every deterministic sampler is linear
 * in its start and in what it takes from the model, with coefficients that depend only on the time
 * grid; so a run on unit "basis" vectors (value 0 = the start, value k + 1 = the output of model
 * call k) yields each call's input and the result as linear combinations of earlier values. Each
 * combination is rewritten over a short window of recent call inputs and outputs, the start only
 * where needed (DDIM needs one input and one output, RK4 four), which keeps the baked graph small.
 *
 * <p>What a call contributes ({@link #basis}): the network output itself, or, for a model whose
 * card clamps x̂0 to a {@link DataRange}, the clamped x̂0 — the samplers only ever see (x̂0, x̂1)
 * through {@code CleanEstimate.split}, which with a range re-derives x̂1 from the clamped x̂0, so
 * reporting x̂0 as an x0-prediction reproduces them exactly. {@link #check} replays the program
 * against the real sampler on a nonlinear probe denoiser and refuses any sampler the program does
 * not reproduce.
 */
final class SamplerTrace {
  /** A value of the program: the start, call k's input, or call k's basis output. */
  enum Kind {
    START,
    INPUT,
    OUTPUT
  }

  /** One term {@code coefficient × value}. */
  record Term(Kind kind, int call, double coefficient) {}

  /** One model call: its path time and its input. */
  record Call(double t, List<Term> input) {}

  /** What a call's basis value is. */
  enum Basis {
    /** The network output (guided, for conditional models). */
    RAW,
    /** The clamped x̂0 computed from the network output. */
    CLAMPED_X0
  }

  /** Longest window of recent calls a combination is rewritten over before falling back. */
  private static final int MAX_WINDOW = 8;

  final List<Call> calls;
  final List<Term> result;
  final Basis basis;

  private SamplerTrace(List<Call> calls, List<Term> result, Basis basis) {
    this.calls = calls;
    this.result = result;
    this.basis = basis;
  }

  /**
   * Records {@code sampler} on {@code model} (only its path, prediction, range and dimension are
   * used).
   */
  static SamplerTrace record(Sampler sampler, Denoiser model) {
    Basis basis = model.dataRange() != null ? Basis.CLAMPED_X0 : Basis.RAW;
    Prediction seen = basis == Basis.CLAMPED_X0 ? Prediction.X0 : model.prediction();
    int size = sampler.modelCalls() + 1;
    Recorder recorder = new Recorder(model.path(), seen, size);
    double[] x = new double[size];
    x[0] = 1;
    sampler.sample(recorder, x, 1, new Random(0), StepListener.NONE);
    List<double[]> inputs = recorder.inputs;
    List<Call> calls = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      calls.add(new Call(recorder.times.get(k), rewrite(inputs.get(k), k, inputs)));
    }
    return new SamplerTrace(calls, rewrite(x, inputs.size(), inputs), basis);
  }

  /**
   * Writes {@code target} (coefficients over the start and the outputs of calls before {@code
   * call}) over the fewest recent values that reproduce it exactly.
   */
  private static List<Term> rewrite(double[] target, int call, List<double[]> inputs) {
    double scale = 1;
    for (double v : target) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "the sampler's run is not finite on this model's path; it cannot be baked");
      }
      scale = Math.max(scale, Math.abs(v));
    }
    for (int w = 0; w <= Math.min(MAX_WINDOW, call); w++) {
      for (boolean withStart : new boolean[] {false, true}) {
        List<Term> columns = new ArrayList<>();
        if (withStart) {
          columns.add(new Term(Kind.START, 0, 0));
        }
        for (int k = call - 1; k >= call - w; k--) {
          columns.add(new Term(Kind.INPUT, k, 0));
          columns.add(new Term(Kind.OUTPUT, k, 0));
        }
        List<Term> fit = columns.isEmpty() ? null : fit(target, columns, inputs, scale);
        if (fit != null) {
          return fit;
        }
      }
    }
    List<Term> terms = new ArrayList<>();
    if (target[0] != 0) {
      terms.add(new Term(Kind.START, 0, target[0]));
    }
    for (int k = 0; k < call; k++) {
      if (target[k + 1] != 0) {
        terms.add(new Term(Kind.OUTPUT, k, target[k + 1]));
      }
    }
    return terms;
  }

  private static List<Term> fit(
      double[] target, List<Term> columns, List<double[]> inputs, double scale) {
    int rows = target.length;
    double[][] a = new double[rows][columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      double[] v = vector(columns.get(c), inputs, rows);
      for (int r = 0; r < rows; r++) {
        a[r][c] = v[r];
      }
    }
    RealVector solution =
        new SingularValueDecomposition(new Array2DRowRealMatrix(a, false))
            .getSolver()
            .solve(new ArrayRealVector(target, false));
    List<Term> terms = new ArrayList<>();
    double[] rebuilt = new double[rows];
    for (int c = 0; c < columns.size(); c++) {
      double coefficient = solution.getEntry(c);
      if (Math.abs(coefficient) <= 1e-15 * scale) {
        continue;
      }
      Term column = columns.get(c);
      terms.add(new Term(column.kind(), column.call(), coefficient));
      double[] v = vector(column, inputs, rows);
      for (int r = 0; r < rows; r++) {
        rebuilt[r] += coefficient * v[r];
      }
    }
    for (int r = 0; r < rows; r++) {
      if (!(Math.abs(rebuilt[r] - target[r]) <= 1e-12 * scale)) {
        return null;
      }
    }
    return terms;
  }

  private static double[] vector(Term value, List<double[]> inputs, int rows) {
    switch (value.kind()) {
      case START:
        double[] start = new double[rows];
        start[0] = 1;
        return start;
      case INPUT:
        return inputs.get(value.call());
      default:
        double[] unit = new double[rows];
        unit[value.call() + 1] = 1;
        return unit;
    }
  }

  /** Number of terms over all combinations (a measure of the graph's arithmetic). */
  int terms() {
    int total = result.size();
    for (Call c : calls) {
      total += c.input().size();
    }
    return total;
  }

  /**
   * Runs the program in double precision for {@code n} points from the start {@code x} with {@code
   * model} as the network; the reference for {@link #check} and a model of the baked graph.
   */
  double[] replay(Denoiser model, double[] start, int n, List<Double> times) {
    int dim = model.dimension();
    List<double[]> in = new ArrayList<>();
    List<double[]> out = new ArrayList<>();
    DataRange range = model.dataRange();
    for (Call call : calls) {
      double[] x = combine(call.input(), start, in, out);
      double[] t = new double[n];
      Arrays.fill(t, call.t());
      double[] raw = new double[x.length];
      model.predict(x, t, n, raw);
      times.add(call.t());
      if (basis == Basis.CLAMPED_X0) {
        PathPoint p = model.path().at(call.t());
        for (int j = 0; j < raw.length; j++) {
          raw[j] = range.clamp(model.prediction().x0(x[j], raw[j], p), j % dim);
        }
      }
      in.add(x);
      out.add(raw);
    }
    return combine(result, start, in, out);
  }

  private static double[] combine(
      List<Term> terms, double[] start, List<double[]> in, List<double[]> out) {
    double[] sum = new double[start.length];
    for (Term term : terms) {
      double[] v =
          term.kind() == Kind.START
              ? start
              : (term.kind() == Kind.INPUT ? in : out).get(term.call());
      for (int j = 0; j < sum.length; j++) {
        sum[j] += term.coefficient() * v[j];
      }
    }
    return sum;
  }

  /**
   * Checks the program against {@code sampler} itself on a nonlinear probe with {@code model}'s
   * path, prediction, range and dimension, from random starts.
   *
   * @throws IllegalArgumentException if the sampler's run is not what the program computes (it is
   *     not linear in the model's outputs, or its time grid depends on the data)
   */
  void check(Sampler sampler, Denoiser model) {
    Probe probe = new Probe(model);
    int n = 5;
    Random rng = new Random(12345);
    double[] start = new double[n * model.dimension()];
    for (int i = 0; i < start.length; i++) {
      start[i] = rng.nextGaussian() * model.path().at(1.0).b;
    }
    double[] expected = start.clone();
    sampler.sample(probe, expected, n, new Random(1), StepListener.NONE);
    List<Double> sampled = new ArrayList<>(probe.times);
    List<Double> times = new ArrayList<>();
    double[] actual = replay(probe, start, n, times);
    double scale = 1;
    double worst = 0;
    for (int j = 0; j < expected.length; j++) {
      scale = Math.max(scale, Math.abs(expected[j]));
      worst = Math.max(worst, Math.abs(expected[j] - actual[j]));
    }
    if (!sampled.equals(times) || !(worst <= 1e-9 * scale)) {
      throw new IllegalArgumentException(
          "sampler '"
              + sampler.name()
              + "' is not a fixed linear combination of its model calls on this model (replay"
              + " differs by "
              + worst
              + "); it cannot be baked");
    }
  }

  /** Records each call's input and time and answers with the next unit vector. */
  private static final class Recorder implements Denoiser {
    private final AffinePath path;
    private final Prediction prediction;
    private final int size;
    final List<double[]> inputs = new ArrayList<>();
    final List<Double> times = new ArrayList<>();

    Recorder(AffinePath path, Prediction prediction, int size) {
      this.path = path;
      this.prediction = prediction;
      this.size = size;
    }

    @Override
    public AffinePath path() {
      return path;
    }

    @Override
    public Prediction prediction() {
      return prediction;
    }

    @Override
    public int dimension() {
      return size;
    }

    @Override
    public void predict(double[] x, double[] t, int n, double[] out) {
      int k = inputs.size();
      if (n != 1 || k + 1 >= size) {
        throw new IllegalArgumentException(
            "the sampler made more model calls than it declares; it cannot be baked");
      }
      inputs.add(x.clone());
      times.add(t[0]);
      Arrays.fill(out, 0);
      out[k + 1] = 1;
    }
  }

  /** A smooth nonlinear stand-in for the network, with the model's path and card. */
  private static final class Probe extends ForwardingDenoiser {
    final List<Double> times = new ArrayList<>();

    Probe(Denoiser model) {
      super(model);
    }

    @Override
    public synchronized void predict(double[] x, double[] t, int n, double[] out) {
      int dim = dimension();
      times.add(t[0]);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < dim; j++) {
          double u = x[i * dim + j];
          double v = x[i * dim + (j + 1) % dim];
          out[i * dim + j] = 0.8 * Math.tanh(0.7 * u + 0.3 * v) + 0.2 * Math.sin(3 * t[i] + j);
        }
      }
    }
  }
}
