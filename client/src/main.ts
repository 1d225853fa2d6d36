import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import './styles/app.css';
import './styles/forms.css';
import App from './App.vue';
import { router } from './router/index.js';
import { i18n } from './i18n/index.js';

const app = createApp(App);
app.use(createPinia());
app.use(router);
app.use(i18n);
app.mount('#app');
