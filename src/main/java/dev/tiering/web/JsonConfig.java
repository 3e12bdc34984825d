package dev.tiering.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.codec.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives Quarkus' ObjectMapper the service's strict JSON dialect ({@link Json}). */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
