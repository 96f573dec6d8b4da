package io.crowdpulse.cli.sessions;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.http.ApiResponse;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.http.Json;
import io.crowdpulse.cli.output.Formats;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code crowdpulse stats}: session statistics, every field the server sends. */
@Command(name = "stats",
        description = "Show session statistics: active sessions, logins and logouts per minute, durations.")
public final class StatsCommand extends ApiCommand {

    @Override
    public Integer call() {
        ApiResponse response = client().get(ApiPath.of("sessions", "stats"));
        if (json()) {
            printJson(response);
            return ExitCodes.OK;
        }
        // Printed field by field so a newer server's extra statistics show up without a client release.
        Table table = Table.keyValue();
        for (Iterator<Map.Entry<String, JsonNode>> fields = response.json().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            table.row(Formats.label(field.getKey()), value(field.getValue()));
        }
        out().print(table.render());
        out().flush();
        return ExitCodes.OK;
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return Formats.decimal(node.asDouble());
        }
        return node.isValueNode() ? node.asText() : Json.write(node);
    }
}
