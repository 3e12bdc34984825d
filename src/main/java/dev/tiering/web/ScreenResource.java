package dev.tiering.web;

import dev.tiering.operators.ScreenService;
import dev.tiering.operators.Views.Screen;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cross-operator screen. */
@Path("/screen")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "screen", description = "Picks across all stored operators, by screen.drl")
public class ScreenResource {
    private final ScreenService screen;

    public ScreenResource(ScreenService screen) {
        this.screen = screen;
    }

    @GET
    @PermitAll
    @Operation(
            operationId = "getScreen",
            summary =
                    "Full-stack leader, contract-quality leader and high-potential operators, by"
                            + " screen.drl")
    public Screen screen() {
        return screen.screen();
    }
}
