/** The workloads a run can train, by name (docs/design.md, "Workloads"). */
import { recommender, type RecommenderTrainConfig } from './recommender.ts';
import { teacherStudent, type TeacherStudentConfig } from './teacher-student.ts';
import type { CommonConfig, Workload } from './workload.ts';

export type WorkloadName = 'recommender' | 'teacher-student';
export type TrainConfig = RecommenderTrainConfig | TeacherStudentConfig;

export const WORKLOADS: Readonly<Record<WorkloadName, Workload<CommonConfig>>> = {
  recommender: recommender as unknown as Workload<CommonConfig>,
  'teacher-student': teacherStudent as unknown as Workload<CommonConfig>,
};
export const WORKLOAD_NAMES = Object.keys(WORKLOADS) as WorkloadName[];

/** The workload a config runs (a config without `workload` is the recommender's). */
export function workloadOf(config: { readonly workload?: string }): Workload<CommonConfig> {
  return WORKLOADS[(config.workload ?? 'recommender') as WorkloadName];
}

export { recommender, PROTOCOL_DEFAULTS, type RecommenderTrainConfig, type RecommenderRun } from './recommender.ts';
export { teacherStudent, type TeacherStudentConfig, type TeacherStudentRun } from './teacher-student.ts';
export type { CommonConfig, EpochBatches, MetricSpec, MetricValues, Workload, WorkloadRun } from './workload.ts';
