package dev.realtime.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/** What every test driving the official Java client needs: bounded waits and org.json payloads. */
public final class OfficialClientJson {

    /**
     * The HTTP client every official-client socket of the tests shares. Without one, io.socket's engine.io client
     * uses a static OkHttpClient whose dispatcher runs at most 5 requests per host: with three polling sockets
     * each holding a long poll, a fourth request (a pong, an emit) waits until some poll returns, and a socket
     * misses its heartbeat ("ping timeout") through no fault of the server.
     */
    public static final OkHttpClient HTTP = http();

    private OfficialClientJson() {
    }

    private static OkHttpClient http() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(512);
        dispatcher.setMaxRequestsPerHost(512);
        return new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(1, TimeUnit.MINUTES).build();
    }

    /** The future's value, or an AssertionError saying why there is none within the timeout. */
    public static <T> T result(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + timeout, e);
        }
    }

    /**
     * A JSON object built with {@code put}, which keeps byte[] values as they are (the client sends them as
     * attachments). Both org.json flavours on the test classpath declare a checked JSONException.
     */
    public static JSONObject object(Object... keysAndValues) {
        try {
            JSONObject object = new JSONObject();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                object.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return object;
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** org.json values as plain Java ones (JSONObject as Map, JSONArray as List, JSONObject.NULL as null). */
    public static Object plain(Object value) {
        if (value instanceof JSONObject object) {
            Map<String, Object> map = new HashMap<>();
            Iterator<?> keys = object.keys();
            while (keys.hasNext()) {
                String key = (String) keys.next();
                map.put(key, plain(object.opt(key)));
            }
            return map;
        }
        if (value instanceof JSONArray array) {
            List<Object> list = new ArrayList<>(array.length());
            for (int i = 0; i < array.length(); i++) {
                list.add(plain(array.opt(i)));
            }
            return list;
        }
        return JSONObject.NULL.equals(value) ? null : value;
    }
}
