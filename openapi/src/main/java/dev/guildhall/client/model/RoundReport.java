package dev.guildhall.client.model;

/** Body of {@code POST /v1/wars/{id}/rounds}: the winning side's index, 0 or 1. */
public record RoundReport(int winner) {}
