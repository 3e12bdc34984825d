package dev.tiering.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The JSON documents of the store: profiles and classifications. Reading is tolerant of fields a
 * later version no longer has, so a data folder written by an older release still opens.
 */
@ApplicationScoped
public class ProfileCodec {
    private final ObjectReader profiles;
    private final ObjectReader classifications;
    private final ObjectWriter writer;

    public ProfileCodec(ObjectMapper json) {
        this.profiles =
                json.readerFor(OperatorProfile.class)
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.classifications =
                json.readerFor(Classification.class)
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.writer = json.writer();
    }

    public OperatorProfile profile(String ticker, String document) {
        try {
            return profiles.readValue(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile of " + ticker + " is unreadable", e);
        }
    }

    public Classification classification(String ticker, String document) {
        try {
            return classifications.readValue(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored classification of " + ticker + " is unreadable", e);
        }
    }

    public String json(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
