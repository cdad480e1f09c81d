package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A reported round: the winning side index and CONFIRMED, PENDING or DISPUTED. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Round(int number, Integer winner, String status, String reportedBy) {}
