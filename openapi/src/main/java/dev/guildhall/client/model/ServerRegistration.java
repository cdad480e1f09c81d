package dev.guildhall.client.model;

/** Body of {@code PUT /v1/servers/{server}}: the server's name and owner ({@code platform:userId}). */
public record ServerRegistration(String name, String owner) {}
