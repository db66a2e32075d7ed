package dev.pocketdiffusion;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutation fuzzer for parsers: each case applies one to four random mutations (bit flips,
 * byte replacements, truncation, insertion of awkward tokens, range deletion, duplication or
 * removal of a line) to one of the valid inputs, and the parser must either accept the result or
 * throw an {@link InvalidInputException} with a one-line message. Anything else fails the test with
 * the seed, case number and input. Runs {@code minCases} cases whatever the time they take, then
 * more until {@code maxCases} cases or {@code maxMillis} from the start, whichever ends first.
 */
public final class Fuzz {
  /** The parser under test. */
  public interface Target {
    /** Parses {@code input}. */
    void parse(byte[] input) throws Exception;
  }

  /** What a run did. */
  public static final class Outcome {
    /** Cases run. */
    public int cases;

    /** Cases the parser accepted. */
    public int accepted;

    /** Cases refused with an {@link InvalidInputException}. */
    public int refused;
  }

  private static final String[] TOKENS = {
    "NaN",
    "-Infinity",
    "Infinity",
    "null",
    "true",
    "-",
    "+",
    ".",
    "e",
    "1e999",
    "-1e-999",
    "9999999999999999999999",
    "0x1p3",
    "\"",
    "\\",
    "\\u",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\u0000",
    "\u00e9",
    "\uffff",
    "x,y",
    "-0",
    "2147483648",
    "-2147483649",
    "[]",
    "{}",
    "\"\"",
    ",,",
  };

  private Fuzz() {}

  /**
   * Runs the fuzzer over mutations of {@code valid}. The system properties {@code fuzz.seed},
   * {@code fuzz.cases} and {@code fuzz.millis} override the arguments for a longer hunt, e.g.
   * {@code mvn -pl runtime test -Dtest='*FuzzTest' -Dfuzz.seed=7 -Dfuzz.cases=1000000
   * -Dfuzz.millis=60000}.
   */
  public static Outcome run(
      long seed, List<byte[]> valid, int minCases, int maxCases, long maxMillis, Target target) {
    seed = Long.getLong("fuzz.seed", seed);
    maxCases = Integer.getInteger("fuzz.cases", maxCases);
    maxMillis = Long.getLong("fuzz.millis", maxMillis);
    Random random = new Random(seed);
    Outcome outcome = new Outcome();
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    for (int c = 0; c < maxCases && (c < minCases || System.nanoTime() < deadline); c++) {
      byte[] input = valid.get(random.nextInt(valid.size()));
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        input = mutate(input, random);
      }
      outcome.cases++;
      try {
        target.parse(input);
        outcome.accepted++;
      } catch (InvalidInputException e) {
        String message = e.getMessage();
        assertTrue(
            message != null && !message.trim().isEmpty(),
            "empty message for case " + c + describe(input));
        assertFalse(
            message.contains("\n") || message.contains("\r"),
            "multi-line message for case "
                + c
                + " (seed "
                + seed
                + "): "
                + message
                + describe(input));
        outcome.refused++;
      } catch (Throwable e) {
        AssertionError failure =
            new AssertionError(
                "case "
                    + c
                    + " (seed "
                    + seed
                    + ") threw "
                    + e
                    + " instead of InvalidInputException"
                    + describe(input),
                e);
        throw failure;
      }
    }
    if (outcome.cases == 0) {
      fail("no case ran");
    }
    return outcome;
  }

  private static String describe(byte[] input) {
    return "\ninput: "
        + new String(input, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r");
  }

  private static byte[] mutate(byte[] in, Random r) {
    int n = in.length;
    switch (r.nextInt(8)) {
      case 0: // flip a bit
        if (n == 0) {
          return in;
        }
        byte[] flipped = in.clone();
        flipped[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
        return flipped;
      case 1: // replace a byte with a token's first byte or a random byte
        if (n == 0) {
          return in;
        }
        byte[] replaced = in.clone();
        replaced[r.nextInt(n)] =
            r.nextBoolean()
                ? TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8)[0]
                : (byte) r.nextInt(256);
        return replaced;
      case 2: // truncate
        return Arrays.copyOf(in, n == 0 ? 0 : r.nextInt(n));
      case 3: // insert a token
        return splice(
            in,
            r.nextInt(n + 1),
            0,
            TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
      case 4:
        { // delete a range
          int from = r.nextInt(n + 1);
          return splice(in, from, r.nextInt(Math.min(16, n - from) + 1), new byte[0]);
        }
      case 5:
        { // duplicate a range
          int from = r.nextInt(n + 1);
          int len = r.nextInt(Math.min(32, n - from) + 1);
          return splice(in, r.nextInt(n + 1), 0, Arrays.copyOfRange(in, from, from + len));
        }
      case 6:
        { // duplicate a whole line (a field of a pretty-printed card, a row of a CSV)
          List<String> lines = lines(in);
          lines.add(r.nextInt(lines.size() + 1), lines.get(r.nextInt(lines.size())));
          return join(lines);
        }
      default:
        { // remove a whole line
          List<String> lines = lines(in);
          lines.remove(r.nextInt(lines.size()));
          return join(lines);
        }
    }
  }

  private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(in, 0, at);
    out.write(insert, 0, insert.length);
    out.write(in, at + remove, in.length - at - remove);
    return out.toByteArray();
  }

  private static List<String> lines(byte[] in) {
    return new ArrayList<>(
        Arrays.asList(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1)));
  }

  private static byte[] join(List<String> lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }
}
