package dev.pocketdiffusion.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation a user reads: every relative link and anchor in the Markdown pages resolves,
 * the README stays a front page, and nothing in the repository points outside it.
 */
class DocumentationTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

  @Test
  void everyLinkInTheDocsResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    List<Path> pages = markdownPages();
    assertTrue(pages.size() >= 8, "expected the README and the docs pages, found " + pages);
    for (Path page : pages) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      Matcher m = LINK.matcher(withoutCodeBlocks(text));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // http(s), mailto: not checked offline
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (anchor != null
            && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(anchor)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void theReadmeIsAFrontPage() throws IOException {
    long lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8).size();
    assertTrue(lines <= 150, "README.md has " + lines + " lines; move reference material to docs/");
  }

  @Test
  void nothingPointsOutsideTheRepository() throws IOException {
    String sibling = ".." + "/shared";
    Pattern internalName = Pattern.compile("seed[\\s*_-]*00[0-4]", Pattern.CASE_INSENSITIVE);
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file :
          files.filter(DocumentationTest::isSourceOrDoc).collect(Collectors.toList())) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains(sibling) || internalName.matcher(text).find()) {
          found.add(ROOT.relativize(file).toString());
        }
      }
    }
    assertEquals(
        List.of(),
        found,
        "files that name a folder beside the repository or an internal write-up number");
  }

  private static boolean isSourceOrDoc(Path file) {
    String path = ROOT.relativize(file).toString();
    if (path.startsWith(".git")
        || path.contains("target/")
        || path.startsWith(".ci/venv")
        || !Files.isRegularFile(file)) {
      return false;
    }
    return path.matches(".*\\.(java|md|sh|tsv|json|xml|gradle|properties|txt)$")
        || path.equals(".ci/run");
  }

  private static List<Path> markdownPages() throws IOException {
    List<Path> pages =
        new ArrayList<>(
            List.of(
                ROOT.resolve("README.md"),
                ROOT.resolve("NOTICE.md"),
                ROOT.resolve("models/README.md"),
                ROOT.resolve("android-demo/README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line :
        withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8)).split("\n")) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        anchors.add(
            m.group(1)
                .trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static String withoutCodeBlocks(String markdown) {
    return markdown.replaceAll("(?s)```.*?```", "");
  }
}
