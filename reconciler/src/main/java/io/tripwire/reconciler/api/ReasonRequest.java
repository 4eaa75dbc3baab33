package io.tripwire.reconciler.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of the audited operator actions: why. */
public record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {
}
