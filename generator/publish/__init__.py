"""Writing and publishing: files under docs/, the site through an engine, the offline zip."""
