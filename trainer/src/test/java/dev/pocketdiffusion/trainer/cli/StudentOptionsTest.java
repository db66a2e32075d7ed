package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code trainer reflow} and {@code trainer distill}, with their defaults, stay as
 * they are: {@code trainer zoo} and users' scripts pass them. A renamed option or a changed default
 * must change this list on purpose.
 */
class StudentOptionsTest {
  private static final String SHARED =
      "--teacher=null --pairs=20000 --teacher-sampler=dpm++2m --teacher-steps=50 --dataset=null"
          + " --steps=12000 --batch-size=256 --lr=0.002 --width=128 --depth=3 --seed=0"
          + " --device=auto --threads=1 --out=null --overwrite=false";

  private static String options(Object command) {
    List<String> named = new ArrayList<>();
    for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        named.add(o.longestName() + "=" + o.defaultValueString());
      }
    }
    return String.join(" ", named);
  }

  @Test
  void reflowAndDistillKeepTheirOptionsAndDefaults() {
    assertEquals(SHARED + " --verbose=false", options(new ReflowCommand()));
    assertEquals(
        SHARED + " --verbose=false --calls=0 --method=pairs", options(new DistillCommand()));
  }
}
