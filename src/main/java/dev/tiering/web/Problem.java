package dev.tiering.web;

import java.util.List;

/** An RFC 9457 problem body: what every error answer of the service carries. */
public record Problem(String type, String title, int status, String detail, List<?> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
