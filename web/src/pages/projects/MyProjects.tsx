import { ProjectListPage } from './ProjectList';

/** 我的项目: the projects the signed-in leader or officer is responsible for. */
export default function MyProjects() {
  return <ProjectListPage mineOnly />;
}
