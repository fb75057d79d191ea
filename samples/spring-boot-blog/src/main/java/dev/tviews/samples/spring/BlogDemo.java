package dev.tviews.samples.spring;

import dev.tviews.samples.story.SampleDatabase;
import dev.tviews.samples.story.SampleOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo behind {@code -Pdemo}: starts an embedded PostgreSQL (or uses {@code --url}), starts {@link BlogApplication}
 * on it, and walks through it over HTTP: a post's document, a rename of its author, the document again, a new comment.
 * Then it keeps serving until Ctrl-C, or stops with {@code --exit}. {@code --port} picks the port (default 8080;
 * 0 = any free one).
 */
public final class BlogDemo {

    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    private BlogDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>();
        boolean exit = false;
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--exit")) {
                exit = true;
            } else if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        SampleOptions options = SampleOptions.parse(rest.toArray(String[]::new));
        if (options.help()) {
            System.out.println(SampleOptions.USAGE.replace("  --help", "  --port <n>                               HTTP port (default 8080)\n"
                    + "  --exit                                   stop after the walkthrough instead of serving\n  --help"));
            return;
        }
        SampleDatabase database = SampleDatabase.open(options);
        ConfigurableApplicationContext app = start(database, port);
        new BlogDemo(System.out).walkThrough(app);
        if (exit) {
            app.close();
            database.close();
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            try {
                database.close();
            } catch (Exception e) {
                System.err.println("Stopping the embedded PostgreSQL failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "blog-demo-shutdown"));
        System.out.println("\nServing on http://localhost:" + app.getEnvironment().getProperty("local.server.port")
                + " (try GET /posts, GET /posts/1, GET /actuator/health); Ctrl-C stops.");
        stopped.await();
    }

    /** Starts the application on {@code database}. */
    static ConfigurableApplicationContext start(SampleDatabase database, int port) {
        List<String> properties = new ArrayList<>();
        properties.add("spring.datasource.url=" + database.jdbcUrl());
        if (database.user() != null) {
            properties.add("spring.datasource.username=" + database.user());
        }
        if (database.password() != null) {
            properties.add("spring.datasource.password=" + database.password());
        }
        properties.add("server.port=" + port);
        return new SpringApplicationBuilder(BlogApplication.class).properties(properties.toArray(String[]::new)).run();
    }

    /** Prints the walkthrough; used by the demo and by the sample's test. */
    static void walkThrough(ConfigurableApplicationContext app, PrintStream out) throws IOException, InterruptedException {
        new BlogDemo(out).walkThrough(app);
    }

    private void walkThrough(ConfigurableApplicationContext app) throws IOException, InterruptedException {
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        out.println("\n== The blog is migrated and its tv_ tables converted; the application serves documents from tv_post");
        show("GET", "/posts/1", null);
        out.println("\n== A write goes to tb_user; tviews rewrites the author inside the post's document in the same transaction");
        show("PUT", "/users/1/name", "Alice Liddell");
        show("GET", "/posts/1", null);
        out.println("\n== A new comment (tb_comment): the post's comment count follows");
        show("POST", "/posts/1/comments?user=1", "Thanks, Bob");
        show("GET", "/posts/1", null);
        out.println("\n== tviews in the actuator");
        show("GET", "/actuator/health/tviews", null);
    }

    private void show(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "text/plain").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        out.println("  " + method + " " + path + (body == null ? "" : " '" + body + "'") + " -> " + response.statusCode()
                + (response.body().isEmpty() ? "" : "\n    " + response.body()));
    }
}
