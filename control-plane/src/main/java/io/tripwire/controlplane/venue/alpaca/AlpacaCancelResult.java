package io.tripwire.controlplane.venue.alpaca;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One entry of Alpaca's 207 multi-status answer to cancel-all. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AlpacaCancelResult(String id, int status, AlpacaOrder body) {
}
