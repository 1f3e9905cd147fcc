// The persistence folder's mappings and the services that query through EF all need these.
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
