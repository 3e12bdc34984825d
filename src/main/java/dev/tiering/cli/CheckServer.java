package dev.tiering.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.engine.RuleSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The check command as a service's checker ({@code --serve}): a JVM that stays up and checks one
 * candidate rule folder after another, so that each check finds a warm compiler instead of a new
 * JVM. One request per line on standard input ({@code {"id", "dir", "classes"}}); for each, one
 * line on standard output, {@code @@REPORT <id> <the --json report>}, after the rule set's class
 * files have been written to {@code classes} where it compiled and holds. Anything else a library
 * prints is not a report line and is ignored by the service. It ends when its input does.
 */
final class CheckServer {
    static final String READY = "@@READY";
    static final String REPORT = "@@REPORT ";

    private final FolderCheck check;
    private final ObjectMapper json;

    CheckServer(FolderCheck check, ObjectMapper json) {
        this.check = check;
        this.json = json;
    }

    int serve(InputStream in, PrintStream out) throws IOException {
        BufferedReader requests =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.println(READY);
        out.flush();
        String line;
        while ((line = requests.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request = json.readTree(line);
            String id = request.path("id").asText("0");
            Path dir = Path.of(request.path("dir").asText());
            AtomicReference<RuleSet> compiled = new AtomicReference<>();
            CheckReport report = check.gate(dir, compiled::set);
            JsonNode classes = request.get("classes");
            if (classes != null
                    && classes.isTextual()
                    && compiled.get() != null
                    && report.exitCode() == CheckReport.OK) {
                Files.write(Path.of(classes.asText()), compiled.get().compiled().toZip());
            }
            out.println(
                    REPORT
                            + id
                            + " "
                            + json.writeValueAsString(
                                    json.readTree(JsonReport.render(report, json))));
            out.flush();
        }
        return CheckReport.OK;
    }
}
