package io.tripwire.controlplane.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON codec of the control-state records: snake_case names, ISO-8601 UTC instants. Decoding never
 * invents a value: anything that is not a complete, well-formed record is {@link ControlRead.Cause#UNPARSABLE}.
 */
public final class StateCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StateCodec() {
    }

    public static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a raw Redis value; {@code null} (key absent) is MISSING. */
    public static <T> ControlRead<T> decode(String raw, Class<T> type) {
        if (raw == null) {
            return ControlRead.unavailable(ControlRead.Cause.MISSING, type.getSimpleName() + " key is missing");
        }
        try {
            T value = MAPPER.readValue(raw, type);
            if (value == null) {
                return ControlRead.unavailable(ControlRead.Cause.UNPARSABLE, "null " + type.getSimpleName());
            }
            return ControlRead.present(value);
        } catch (JsonProcessingException e) {
            return ControlRead.unavailable(ControlRead.Cause.UNPARSABLE, type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            return ControlRead.unavailable(ControlRead.Cause.UNPARSABLE, type.getSimpleName() + ": " + e.getMessage());
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
