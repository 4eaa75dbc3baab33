package io.tripwire.papervenue.alpaca;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads Alpaca request bodies with Quarkus' Jackson mapper. Bodies arrive as text so that a
 * malformed one is answered in Alpaca's shape (400 for broken JSON, 422 for wrong field types)
 * instead of the library's Tripwire reject body.
 */
@Singleton
public class JsonBody {

    private final ObjectMapper mapper;

    public JsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw AlpacaException.badRequest("request body is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw AlpacaException.badRequest("request body must be a JSON object");
            }
            return value;
        } catch (JsonParseException e) {
            throw AlpacaException.badRequest("request body is not valid JSON");
        } catch (JsonMappingException e) {
            // Name the field, not the Java type it failed to bind to.
            String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(Objects::nonNull).collect(Collectors.joining("."));
            throw AlpacaException.invalid(field.isEmpty() ? "request body must be a JSON object" : "invalid value for " + field);
        } catch (JsonProcessingException e) {
            throw AlpacaException.badRequest("request body is not valid JSON");
        }
    }
}
