/** Models: Module, layers, initialisers and the NeuMF family. */
export { Module } from './module.ts';
export { Embedding, Dense, Dropout, type Activation } from './layers.ts';
export { embeddingUniform, glorotUniform } from './init.ts';
export { Recommender, MODEL_KINDS, type ModelKind, type RecommenderConfig } from './neumf.ts';
export { Mlp, HIDDEN_ACTIVATIONS, type HiddenActivation, type MlpConfig } from './mlp.ts';
