// The engine's parts (architectures, data, the native binding, training plans) use each other throughout.
global using GridSearch.Domain.Architectures;
global using GridSearch.Training.Data;
global using GridSearch.Training.Native;
global using GridSearch.Training.Plans;
