package io.tripwire.reconciler.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fills files: what parses, and every malformed one refused with a 400 naming the problem. */
class FillsTest {

    static final List<Ticket.Line> LINES = List.of(new Ticket.Line(1, "SPY", "BUY", new BigDecimal("2"), new BigDecimal("401"), 20),
            new Ticket.Line(2, "AAPL", "BUY", new BigDecimal("3"), new BigDecimal("201"), 20));

    @Test
    void aWellFormedFileParses() {
        Fills.Submission s = Fills.parse("""
                {"ticket_id": "T-1", "fills": [{"sequence": 1, "status": "DONE", "units": "2", "price": 400.5},
                 {"sequence": 2, "status": "SKIPPED"}], "notes": "by hand"}""");
        assertThat(s.ticketId()).isEqualTo("T-1");
        assertThat(s.fills()).hasSize(2);
        assertThat(s.fills().get(0).price()).isEqualByComparingTo("400.5");
        assertThat(s.fills().get(1).units()).isEqualByComparingTo("0");
        Fills.check(s, LINES);
    }

    @Test
    void malformedFilesAreRefusedWithTheirProblem() {
        refused("{\"ticket_id\": \"T-1\", \"fills\": [", "not valid JSON");
        refused("[]", "JSON object");
        refused("{\"fills\": [{\"sequence\": 1, \"status\": \"DONE\", \"units\": 1, \"price\": 1}]}", "ticket_id is required");
        refused("{\"ticket_id\": \"T-1\", \"fills\": []}", "non-empty array");
        refused("{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": \"x\", \"status\": \"DONE\"}]}", "integer sequence");
        refused("{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 1, \"status\": \"MAYBE\"}]}", "status must be one of");
        refused("{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 1, \"status\": \"DONE\", \"units\": \"2\"}]}", "price > 0");
        refused("{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 1, \"status\": \"DONE\", \"units\": \"two\", \"price\": 1}]}",
                "decimal number");
        refused("{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 1, \"status\": \"FAILED\", \"units\": 1}]}", "units must be 0");
        refused("{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 1, \"status\": \"SKIPPED\"}, {\"sequence\": 1, \"status\": \"SKIPPED\"}]}",
                "reported twice");
        refused("{\"ticket_id\": \"T-1\", \"ticket_id\": \"T-2\", \"fills\": [{\"sequence\": 1, \"status\": \"SKIPPED\"}]}",
                "not valid JSON");
    }

    @Test
    void fillsThatDoNotMatchTheTicketAreRefused() {
        assertThatThrownBy(() -> Fills.check(Fills.parse(
                "{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 3, \"status\": \"SKIPPED\"}]}"), LINES))
                .hasMessageContaining("has no line 3");
        assertThatThrownBy(() -> Fills.check(Fills.parse(
                "{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 1, \"status\": \"DONE\", \"units\": 2.5, \"price\": 1}]}"), LINES))
                .hasMessageContaining("more than");
        assertThatThrownBy(() -> Fills.check(Fills.parse(
                "{\"ticket_id\": \"T-1\", \"fills\": [{\"sequence\": 1, \"status\": \"PARTIAL\", \"units\": 2, \"price\": 1}]}"), LINES))
                .hasMessageContaining("use DONE");
    }

    static void refused(String json, String message) {
        assertThatThrownBy(() -> Fills.parse(json)).isInstanceOf(RejectException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((RejectException) e).code()).isEqualTo(RejectCode.VALIDATION_FAILED));
    }
}
