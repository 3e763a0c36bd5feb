package dev.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main packages use one another in one direction only (gateway -> features -> protocol), so each can be read,
 * tested and moved without the ones above it. Read from the sources' own imports and qualified names, which is
 * how one package reaches another in Java.
 */
class PackageCyclesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/realtime");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.realtime\\.([a-z][a-z0-9.]*)\\.[A-Z]");

    @Test
    void mainPackages_readFromTheSources_formNoCycle() {
        Map<String, Set<String>> uses = uses(MAIN);

        Set<String> cyclic = cyclic(uses);

        assertThat(uses).containsKeys("gateway", "socketio", "engineio");
        assertThat(cyclic).as("packages in a cycle; their uses: %s", uses).isEmpty();
    }

    @Test
    void cyclic_aPairUsingEachOtherAndOneAbove_namesThePairOnly() {
        Map<String, Set<String>> uses = Map.of(
                "gateway", Set.of("auth"), "auth", Set.of("users"), "users", Set.of("auth", "system"));

        assertThat(cyclic(uses)).containsExactly("auth", "users");
    }

    /** The packages that reach themselves through what they use. */
    static Set<String> cyclic(Map<String, Set<String>> uses) {
        Set<String> cyclic = new TreeSet<>();
        for (String start : uses.keySet()) {
            Set<String> seen = new HashSet<>();
            Deque<String> next = new ArrayDeque<>(uses.get(start));
            while (!next.isEmpty()) {
                String at = next.pop();
                if (seen.add(at)) {
                    next.addAll(uses.getOrDefault(at, Set.of()));
                }
            }
            if (seen.contains(start)) {
                cyclic.add(start);
            }
        }
        return cyclic;
    }

    private static Map<String, Set<String>> uses(Path root) {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String from = packageOf(root, file);
                Set<String> used = uses.computeIfAbsent(from, any -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(read(file));
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        used.add(reference.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static String packageOf(Path root, Path file) {
        Path folder = root.relativize(file).getParent();
        return folder == null ? "" : folder.toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
