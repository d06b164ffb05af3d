import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a project builds and deploys: a service, a worker, a web app. */
@Entity('applications')
export class ApplicationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text')
  key!: string;

  @Column('text')
  name!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
