// placeholder until YAMLKit lands
