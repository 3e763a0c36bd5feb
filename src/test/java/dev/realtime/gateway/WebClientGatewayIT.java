package dev.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The web client that the gateway's users open: its files come from the server itself, without a token (the
 * browser has none before logging in), while the API stays closed to requests without one. In the gateway
 * tests' application context, so that it costs no server start of its own; e2e/browser/ drives the page itself.
 */
class WebClientGatewayIT extends GatewayContext {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void root_noToken_servesThePageAsHtml() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Realtime chat</title>", "src=\"js/app.js\"");
    }

    @Test
    void scripts_noToken_servedAsJavaScriptModules() throws Exception {
        HttpResponse<String> app = get("/js/app.js");
        HttpResponse<String> client = get("/vendor/socket.io.esm.min.js");

        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type")).hasValue("text/javascript");
        assertThat(app.body()).contains("from \"../vendor/socket.io.esm.min.js\"");
        assertThat(client.statusCode()).isEqualTo(200);
        assertThat(client.headers().firstValue("Content-Type")).hasValue("text/javascript");
        assertThat(client.body()).contains("Socket.IO v4.");
    }

    @Test
    void unknownFile_noToken_notFound() throws Exception {
        assertThat(get("/js/missing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void api_noTokenBesideTheOpenPage_stillUnauthorized() throws Exception {
        HttpResponse<String> me = get("/api/users/me");

        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.body()).contains("UNAUTHORIZED");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
