import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for persisted messages: POST /api/chats/{id}/messages from many concurrent clients, each waiting
 * for its 201 (a commit) before sending the next. Prints messages per second and latency percentiles.
 * Run: java bench/PersistBench.java BASE_URL [concurrency] [chats] [warmupSeconds] [seconds]
 */
public class PersistBench {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int chatCount = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String run = UUID.randomUUID().toString().substring(0, 8);
        String token = register(http, base, "bench_" + run + "_a");
        String otherId = id(register(http, base, "bench_" + run + "_b"), http, base);
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < chatCount; i++) {
            String body = "{\"type\":\"group\",\"title\":\"bench " + i + "\",\"memberIds\":[\"" + otherId + "\"]}";
            chats.add(match(ID, post(http, base + "/api/chats", token, body).body()));
        }

        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            latencies[w] = new long[1 << 20];
            String chat = chats.get(w % chats.size());
            workers.add(CompletableFuture.runAsync(() -> {
                long n = 0;
                while (running.get()) {
                    String body = "{\"text\":\"message " + n++ + " from worker " + worker + "\"}";
                    long start = System.nanoTime();
                    try {
                        int status = post(http, base + "/api/chats/" + chat + "/messages", token, body).statusCode();
                        if (status != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (measuring.get() && counts[worker] < latencies[worker].length) {
                        latencies[worker][counts[worker]++] = System.nanoTime() - start;
                    }
                }
            }, pool));
        }
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - t0;
        running.set(false);
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();

        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        System.out.printf("concurrency=%d chats=%d seconds=%d messages=%d errors=%d%n",
                concurrency, chatCount, seconds, total, errors.get());
        System.out.printf("persisted_per_second=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f%n",
                total / (elapsed / 1e9), ms(all, 0.50), ms(all, 0.99), ms(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    private static String register(HttpClient http, String base, String username) throws Exception {
        String body = "{\"username\":\"" + username + "\",\"password\":\"bench-password\"}";
        HttpResponse<String> response = post(http, base + "/api/auth/register", null, body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
        }
        return match(TOKEN, response.body());
    }

    private static String id(String token, HttpClient http, String base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/users/me"))
                .header("Authorization", "Bearer " + token).GET().build();
        return match(ID, http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected response: " + text);
        }
        return m.group(1);
    }
}
