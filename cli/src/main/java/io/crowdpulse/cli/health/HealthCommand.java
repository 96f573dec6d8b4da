package io.crowdpulse.cli.health;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.CliException;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.http.ApiResponse;
import io.crowdpulse.cli.http.ProblemLine;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code crowdpulse health}: the service's health checks; exits non-zero unless it is UP. */
@Command(name = "health",
        description = {"Show the session-service's health checks (no API key needed).",
            "Exits with 1 unless the service reports UP."})
public final class HealthCommand extends ApiCommand {

    private static final ApiPath PATH = ApiPath.root("/q/health");

    @Override
    public Integer call() {
        ApiResponse response = client().getOpen(PATH);
        // SmallRye Health answers 503 with the same body when a check is DOWN: that is a report, not an error.
        if (!response.isSuccess() && response.status() != 503) {
            throw new CliException(ExitCodes.FAILURE, ProblemLine.format(response.status(), response.body()));
        }
        Health health = response.as(Health.class);
        if (json()) {
            printJson(response);
        } else {
            out().print(render(health));
            out().flush();
        }
        if (!"UP".equalsIgnoreCase(health.status())) {
            throw new CliException(ExitCodes.FAILURE, "session-service is " + health.status() + downChecks(health));
        }
        return ExitCodes.OK;
    }

    private static String render(Health health) {
        StringBuilder text = new StringBuilder("Status  ").append(health.status()).append('\n');
        if (!health.checksOrEmpty().isEmpty()) {
            Table table = Table.withHeaders("CHECK", "STATUS", "DATA");
            health.checksOrEmpty().forEach(c -> table.row(c.name(), c.status(), data(c.data())));
            text.append('\n').append(table.render());
        }
        return text.toString();
    }

    private static String downChecks(Health health) {
        String down = health.checksOrEmpty().stream()
                .filter(c -> !"UP".equalsIgnoreCase(c.status()))
                .map(c -> c.name() + ": " + c.status())
                .collect(Collectors.joining("; "));
        return down.isEmpty() ? "" : " (" + down + ")";
    }

    private static String data(Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            return "";
        }
        return data.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** What SmallRye Health answers at {@code /q/health}. */
    record Health(String status, List<Check> checks) {
        List<Check> checksOrEmpty() {
            return checks == null ? List.of() : checks;
        }
    }

    /** One health check and its data. */
    record Check(String name, String status, Map<String, Object> data) {
    }
}
