package dev.guildhall.client.model;

import java.util.List;

/**
 * Body of {@code POST /v1/servers/{server}/wars}, e.g.
 * {@code new NewWar("chess", "ft3", "12h", List.of(List.of("discord:1"), List.of("discord:2")))}.
 * A null duration means the server default (24h).
 */
public record NewWar(String game, String format, String duration, List<List<String>> sides) {}
